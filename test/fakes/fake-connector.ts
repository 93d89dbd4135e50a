import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One call the bot made to the Bot Connector REST API. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  replyToId?: string;
  activity?: Partial<Activity>;
  body?: unknown;
  authorization?: string;
}

/**
 * A loopback Bot Connector (the service at an activity's `serviceUrl`) that records what the bot
 * sends: replies, proactive messages, updates, new conversations. Speaks the v3 REST shapes.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: Server;
  private waiters: Array<{ predicate: (calls: ConnectorCall[]) => boolean; resolve: () => void }> = [];
  private nextId = 1;
  url = '';
  /** A channel service that accepts connections and never answers (a dead host behind a load balancer). */
  hang = false;
  /** Requests left unanswered while `hang` was set. */
  hung = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (this.hang) {
        this.hung += 1;
        req.resume();
        return;
      }
      void readJson(req).then((body) => {
        const call = this.record(req, body);
        res.setHeader('content-type', 'application/json');
        if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(call.path)) {
          res.end(JSON.stringify({ id: `created-${this.nextId++}`, activityId: `act-${this.nextId++}` }));
        } else {
          res.end(JSON.stringify({ id: `act-${this.nextId++}` }));
        }
        this.notify();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await closed;
  }

  /** Activities sent into a conversation (replies and proactive sends), in order. */
  activities(conversationId?: string): Partial<Activity>[] {
    return this.calls
      .filter((call) => call.activity && call.method === 'POST' && (!conversationId || call.conversationId === conversationId))
      .map((call) => call.activity!);
  }

  messages(conversationId?: string): Partial<Activity>[] {
    return this.activities(conversationId).filter((activity) => activity.type === 'message');
  }

  /** Resolves once the recorded calls satisfy the predicate (or rejects after the timeout). */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate(this.calls)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeConnector: condition not met in ${timeoutMs} ms (${this.calls.length} calls)`)), timeoutMs);
      this.waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  reset(): void {
    this.calls.length = 0;
  }

  private record(req: IncomingMessage, body: unknown): ConnectorCall {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?/.exec(path);
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined,
      replyToId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
      body,
      authorization: req.headers.authorization,
    };
    if (match && body && typeof body === 'object') call.activity = body as Partial<Activity>;
    this.calls.push(call);
    return call;
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate(this.calls)) return true;
      waiter.resolve();
      return false;
    });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
