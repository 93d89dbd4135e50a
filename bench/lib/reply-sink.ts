import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The cheapest possible Bot Connector: acknowledges every reply without keeping it, so the load
 * generator measures the bot, not a recorder's memory.
 */
export async function startReplySink(): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
