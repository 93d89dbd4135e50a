import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { HandoffBusEvent } from './handoff-events.js';

/** Comment lines keep proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

/** The Server-Sent Events streams of the SDR consoles connected to this instance. */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly logger: Logger) {}

  get size(): number {
    return this.clients.size;
  }

  /** Streams until the console disconnects (the returned promise then resolves). */
  open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    this.clients.add(res);
    this.ensureHeartbeat();
    return new Promise((resolve) => {
      const done = () => {
        this.clients.delete(res);
        if (this.clients.size === 0) this.stopHeartbeat();
        resolve();
      };
      req.once('close', done);
      res.once('close', done);
    });
  }

  broadcast(event: HandoffBusEvent): void {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) {
      try {
        client.write(frame);
      } catch (error) {
        this.logger.debug({ err: error }, 'sse: write to a closed console stream');
      }
    }
  }

  closeAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
    this.stopHeartbeat();
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
