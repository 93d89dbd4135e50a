import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP relay in front of the fake connector that can hold the bot's calls: while closed, every
 * request waits. A test closes it, sends a message, sees the bot's first reply arrive at the gate and
 * kills the server then — a crash in the middle of a turn, at a known point, with no timing luck.
 */
export interface GateProxy {
  url: string;
  /** Requests currently waiting at the closed gate. */
  readonly held: number;
  close(): void;
  open(): void;
  /** Resolves once at least `count` requests wait at the gate. */
  waitForHeld(count?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startGateProxy(targetUrl: string): Promise<GateProxy> {
  const target = new URL(targetUrl);
  let closed = false;
  let waiting: Array<() => void> = [];

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const go = () => forward(req, Buffer.concat(chunks), res);
      if (!closed) return go();
      // The caller may die while waiting (that is the point): then there is nothing left to forward.
      const release = () => (res.destroyed ? undefined : go());
      waiting.push(release);
      res.on('close', () => (waiting = waiting.filter((item) => item !== release)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const gate: GateProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get held() {
      return waiting.length;
    },
    close: () => {
      closed = true;
    },
    open: () => {
      closed = false;
      const released = waiting;
      waiting = [];
      for (const release of released) release();
    },
    async waitForHeld(count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (waiting.length < count) {
        if (Date.now() > deadline) throw new Error(`gate: ${waiting.length} request(s) held after ${timeoutMs} ms, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return gate;
}
