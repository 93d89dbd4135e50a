import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the bot posted to one conversation (the parts the soak reads). */
export interface ConnectorActivity {
  type?: string;
  text?: string;
  channelData?: { qualibot?: { ask?: string; route?: string; fromSdr?: boolean } };
}

export interface FakeConnector {
  /** The `serviceUrl` visitors give in their activities. */
  url: string;
  /** Bot activities for a conversation are handed to its listener (set when the visitor starts). */
  listen(conversationId: string, onActivity: (activity: ConnectorActivity) => void): void;
  forget(conversationId: string): void;
  /** Activities received in all. */
  received(): number;
  /** The channel vanishes: the port is closed and open connections are cut (the bot then gets ECONNREFUSED). */
  disappear(): Promise<void>;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * A Bot Connector on loopback speaking the REST protocol the Bot Framework SDK uses to reply
 * (`POST /v3/conversations/{id}/activities[/{replyToId}]`, answered `{ "id": … }`).
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const listeners = new Map<string, (activity: ConnectorActivity) => void>();
  const sockets = new Set<Socket>();
  let count = 0;
  let sequence = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = ACTIVITY_PATH.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      count += 1;
      const conversationId = decodeURIComponent(match[1]!);
      try {
        listeners.get(conversationId)?.(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorActivity);
      } catch {
        // A body we cannot read is still acknowledged: the soak counts replies, it does not judge them here.
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${(sequence += 1)}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await done;
  };
  return {
    url,
    listen: (conversationId, onActivity) => listeners.set(conversationId, onActivity),
    forget: (conversationId) => listeners.delete(conversationId),
    received: () => count,
    disappear: close,
    close,
  };
}
