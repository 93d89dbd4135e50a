import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An event in a fake mailbox, as Graph stores it (times in UTC). */
export interface FakeGraphEvent {
  id: string;
  subject: string;
  body?: { contentType: string; content: string };
  start: Date;
  end: Date;
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
  isCancelled?: boolean;
  attendees?: Array<{ type: string; emailAddress: { address: string; name?: string } }>;
  transactionId?: string;
  joinUrl?: string;
}

export interface FakeGraph {
  /** Graph base, e.g. `http://127.0.0.1:<port>/v1.0/`. */
  apiUrl: string;
  /** Token endpoint of the tenant, e.g. `http://127.0.0.1:<port>/<tenant>/oauth2/v2.0/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Mailboxes by user id or principal name. */
  mailboxes: Map<string, FakeGraphEvent[]>;
  /** Method and path of every request (tests read what the client called). */
  calls: string[];
  tokensIssued: number;
  close(): Promise<void>;
}

const GRAPH_TIME = (date: Date) => `${date.toISOString().slice(0, 19)}.0000000`;

/**
 * A faithful stand-in for the Microsoft Graph calendar endpoints and the identity platform's token endpoint on
 * loopback: client-credentials tokens (401 `invalid_client` on a wrong secret), Bearer checks (401
 * `InvalidAuthenticationToken`), `POST /users/{id}/calendar/getSchedule`, `GET /users/{id}/calendarView` (with
 * `$top` paging through `@odata.nextLink`) and `POST /users/{id}/events` (201, a Teams join URL when asked).
 * Times are answered in UTC as Graph does under `Prefer: outlook.timezone="UTC"`.
 */
export async function startFakeGraph(options: { tenant?: string; users: string[] }): Promise<FakeGraph> {
  const tenant = options.tenant ?? 'contoso-tenant';
  const tokens = new Set<string>();
  const fake: FakeGraph = {
    apiUrl: '',
    tokenUrl: '',
    clientId: 'qualibot-app',
    clientSecret: 'right-secret-0123456789',
    mailboxes: new Map(options.users.map((user) => [user, []])),
    calls: [],
    tokensIssued: 0,
    close: async () => undefined,
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { error: { code: 'InternalServerError', message: String(error) } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    fake.calls.push(`${req.method} ${url.pathname}`);
    if (req.method === 'POST' && url.pathname === `/${tenant}/oauth2/v2.0/token`) return token(res, new URLSearchParams(body));

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return send(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
    const match = /^\/v1\.0\/users\/([^/]+)\/(calendar\/getSchedule|calendarView|events)$/.exec(url.pathname);
    if (!match) return send(res, 404, { error: { code: 'UnknownRequest', message: `No route ${url.pathname}` } });
    const user = decodeURIComponent(match[1]!);
    const mailbox = fake.mailboxes.get(user);
    if (!mailbox) return send(res, 404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (match[2] === 'calendar/getSchedule' && req.method === 'POST') return getSchedule(res, json);
    if (match[2] === 'calendarView' && req.method === 'GET') return calendarView(res, url, user, mailbox);
    if (match[2] === 'events' && req.method === 'POST') return createEvent(res, json, mailbox);
    return send(res, 405, { error: { code: 'ErrorInvalidRequest', message: 'Method not allowed' } });
  }

  function token(res: ServerResponse, form: URLSearchParams): void {
    if (form.get('grant_type') !== 'client_credentials' || !form.get('scope')?.endsWith('/.default')) {
      return send(res, 400, { error: 'invalid_request', error_description: 'AADSTS900144: The request body must contain grant_type and a /.default scope.' });
    }
    if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    }
    const value = randomUUID();
    tokens.add(value);
    fake.tokensIssued += 1;
    send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: value });
  }

  function getSchedule(res: ServerResponse, body: Record<string, unknown>): void {
    const schedules = body.schedules;
    const start = utcOf(body.startTime);
    const end = utcOf(body.endTime);
    if (!Array.isArray(schedules) || schedules.length === 0 || !start || !end) {
      return send(res, 400, { error: { code: 'ErrorInvalidRequest', message: 'schedules, startTime and endTime are required' } });
    }
    const value = schedules.map((address: unknown) => {
      const events = fake.mailboxes.get(String(address));
      if (!events) return { scheduleId: address, error: { message: 'The user is not found', responseCode: 'ErrorMailRecipientNotFound' } };
      const items = events.filter((event) => !event.isCancelled && event.start < end && start < event.end);
      return {
        scheduleId: address,
        availabilityView: '',
        scheduleItems: items.map((event) => ({ isPrivate: false, status: event.showAs, subject: event.subject, start: { dateTime: GRAPH_TIME(event.start), timeZone: 'UTC' }, end: { dateTime: GRAPH_TIME(event.end), timeZone: 'UTC' } })),
        workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' } },
      };
    });
    send(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value });
  }

  function calendarView(res: ServerResponse, url: URL, user: string, mailbox: FakeGraphEvent[]): void {
    const start = new Date(url.searchParams.get('startDateTime') ?? '');
    const end = new Date(url.searchParams.get('endDateTime') ?? '');
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      return send(res, 400, { error: { code: 'ErrorInvalidParameter', message: 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.' } });
    }
    const top = Number(url.searchParams.get('$top') ?? 10);
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const all = mailbox.filter((event) => event.start < end && start < event.end).sort((a, b) => a.start.getTime() - b.start.getTime());
    const page = all.slice(skip, skip + top);
    const next = new URL(url.href.replace('http://localhost', fake.apiUrl.replace(/\/v1\.0\/$/, '')));
    next.searchParams.set('$skip', String(skip + top));
    send(res, 200, {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${user}')/calendarView`,
      value: page.map((event) => ({ id: event.id, subject: event.subject, showAs: event.showAs, isCancelled: Boolean(event.isCancelled), start: { dateTime: GRAPH_TIME(event.start), timeZone: 'UTC' }, end: { dateTime: GRAPH_TIME(event.end), timeZone: 'UTC' } })),
      ...(skip + top < all.length ? { '@odata.nextLink': next.href } : {}),
    });
  }

  function createEvent(res: ServerResponse, body: Record<string, unknown>, mailbox: FakeGraphEvent[]): void {
    const start = utcOf(body.start);
    const end = utcOf(body.end);
    if (typeof body.subject !== 'string' || !start || !end || end <= start) {
      return send(res, 400, { error: { code: 'ErrorInvalidRequest', message: 'subject, start and end are required; end after start' } });
    }
    // Graph's transactionId: a retried POST with the same id returns the first event instead of a second one.
    const repeated = typeof body.transactionId === 'string' ? mailbox.find((event) => event.transactionId === body.transactionId) : undefined;
    if (repeated) return send(res, 201, asGraphEvent(repeated));
    const event: FakeGraphEvent = {
      id: `AAMk${randomUUID().replace(/-/g, '')}`,
      subject: body.subject,
      body: body.body as FakeGraphEvent['body'],
      start,
      end,
      showAs: 'busy',
      attendees: body.attendees as FakeGraphEvent['attendees'],
      ...(typeof body.transactionId === 'string' ? { transactionId: body.transactionId } : {}),
      ...(body.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${randomUUID()}` } : {}),
    };
    mailbox.push(event);
    send(res, 201, asGraphEvent(event));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.apiUrl = `http://127.0.0.1:${port}/v1.0/`;
  fake.tokenUrl = `http://127.0.0.1:${port}/${tenant}/oauth2/v2.0/token`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

function asGraphEvent(event: FakeGraphEvent): Record<string, unknown> {
  return {
    id: event.id,
    subject: event.subject,
    start: { dateTime: GRAPH_TIME(event.start), timeZone: 'UTC' },
    end: { dateTime: GRAPH_TIME(event.end), timeZone: 'UTC' },
    attendees: event.attendees ?? [],
    isOnlineMeeting: Boolean(event.joinUrl),
    onlineMeeting: event.joinUrl ? { joinUrl: event.joinUrl } : null,
  };
}

/** `{ dateTime, timeZone: 'UTC' }` as a Date; undefined when malformed or in another zone (this fake only speaks UTC). */
function utcOf(value: unknown): Date | undefined {
  const { dateTime, timeZone } = (value ?? {}) as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string' || timeZone !== 'UTC') return undefined;
  const date = new Date(`${dateTime.replace(/Z$/, '')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
