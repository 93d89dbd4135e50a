import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the app made to the Slack Web API (rate-limited attempts included). */
export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  /** When the fake received it (ms since epoch), to check pacing and Retry-After. */
  at: number;
  authorization?: string;
  /** The HTTP status the fake answered (429 for a scripted rate limit). */
  status: number;
  /** The JSON body the fake answered. */
  response?: Record<string, unknown>;
}

/** What a message posted to the fake looks like to a test. */
export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
}

/** Fields sent as JSON strings inside form bodies by @slack/web-api. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/**
 * A loopback Slack Web API (`POST /api/<method>`, form or JSON bodies, bearer token checked) that
 * records every call: chat.postMessage, chat.update, chat.delete, chat.postEphemeral, auth.test, conversations.info,
 * users.info (people added with `addUser`, their locale with `include_locale`).
 * A 429 with `Retry-After` can be scripted for the next calls of a method.
 */
export class FakeSlackServer {
  readonly calls: SlackCall[] = [];
  readonly teamId = 'T0FAKE';
  readonly botUserId = 'U0QUALIBOT';
  url = '';
  private server?: Server;
  private nextTs = 1;
  private readonly rateLimits = new Map<string, { retryAfter: number; remaining: number }>();
  private waiters: Array<{ predicate: () => boolean; resolve: () => void }> = [];
  private readonly users = new Map<string, { realName: string; displayName: string; locale?: string }>();
  private readonly hung: Array<{ method: string; when: (params: Record<string, unknown>) => boolean }> = [];

  constructor(readonly token = 'xoxb-fake-token') {}

  /** The base URL to give the WebClient (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A workspace member `users.info` knows; `locale` (e.g. `en-US`) is answered when asked with `include_locale`. */
  addUser(id: string, realName: string, displayName = '', locale?: string): void {
    this.users.set(id, { realName, displayName, ...(locale ? { locale } : {}) });
  }

  /** Calls of `method` (those `when` picks) are recorded and never answered (a Slack that hangs), until `stop`. */
  hang(method: string, when: (params: Record<string, unknown>) => boolean = () => true): void {
    this.hung.push({ method, when });
  }

  /** The next `times` calls of `method` are answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.rateLimits.set(method, { retryAfter: retryAfterSeconds, remaining: times });
  }

  /** Messages successfully posted (optionally in one channel / thread), in order. */
  posted(channel?: string, threadTs?: string): PostedMessage[] {
    return this.calls
      .filter((call) => call.method === 'chat.postMessage' && call.response?.ok === true && (!channel || call.params.channel === channel))
      .filter((call) => threadTs === undefined || call.params.thread_ts === threadTs)
      .map((call) => ({
        channel: String(call.params.channel),
        ts: String(call.response!.ts),
        threadTs: call.params.thread_ts === undefined ? undefined : String(call.params.thread_ts),
        text: String(call.params.text ?? ''),
        blocks: call.params.blocks as PostedMessage['blocks'],
      }));
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once the predicate holds (checked after every call), or rejects after the timeout. */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeSlackServer: condition not met in ${timeoutMs} ms (${this.calls.length} calls)`)), timeoutMs);
      this.waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
    const params = parseBody(req.headers['content-type'] ?? '', await readBody(req));
    const call: SlackCall = { method, params, at: Date.now(), authorization: req.headers.authorization, status: 200 };
    this.calls.push(call);
    if (this.hung.some((hung) => hung.method === method && hung.when(params))) {
      this.notify();
      return;
    }

    const limit = this.rateLimits.get(method);
    if (limit && limit.remaining > 0) {
      limit.remaining -= 1;
      call.status = 429;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfter) });
      call.response = { ok: false, error: 'ratelimited' };
      res.end(JSON.stringify(call.response));
      this.notify();
      return;
    }
    call.response = this.answer(method, call);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(call.response));
    this.notify();
  }

  private answer(method: string, call: SlackCall): Record<string, unknown> {
    if (call.authorization !== `Bearer ${this.token}`) return { ok: false, error: call.authorization ? 'invalid_auth' : 'not_authed' };
    const { params } = call;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'qualibot', team_id: this.teamId, user_id: this.botUserId, bot_id: 'B0QUALIBOT' };
      case 'chat.postMessage': {
        if (!params.channel) return { ok: false, error: 'channel_not_found' };
        if (!params.text && !params.blocks) return { ok: false, error: 'no_text' };
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.nextTs++).padStart(6, '0')}`;
        return { ok: true, channel: params.channel, ts, message: { type: 'message', text: params.text, ts, thread_ts: params.thread_ts, bot_id: 'B0QUALIBOT' } };
      }
      case 'chat.update':
        if (!params.channel || !params.ts) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case 'chat.delete':
        if (!params.channel || !params.ts) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.postEphemeral':
        if (!params.channel || !params.user) return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.${String(this.nextTs++).padStart(6, '0')}` };
      case 'users.info': {
        const user = this.users.get(String(params.user ?? ''));
        if (!user) return { ok: false, error: 'user_not_found' };
        const id = String(params.user);
        // Slack adds the locale only when asked for it (users.info `include_locale`).
        const locale = user.locale && String(params.include_locale) === 'true' ? { locale: user.locale } : {};
        return { ok: true, user: { id, name: id.toLowerCase(), real_name: user.realName, ...locale, profile: { real_name: user.realName, display_name: user.displayName } } };
      }
      case 'conversations.info': {
        const id = String(params.channel ?? '');
        if (!id) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id, is_im: id.startsWith('D'), is_channel: id.startsWith('C'), name: id.startsWith('D') ? undefined : 'general' } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate()) return true;
      waiter.resolve();
      return false;
    });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(contentType: string, body: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = JSON_FIELDS.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}
