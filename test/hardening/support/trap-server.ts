import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback listener that must receive nothing: every request or bare connection it gets is recorded. */
export interface TrapServer {
  port: number;
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startTrapServer(): Promise<TrapServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  server.on('connection', () => hits.push('connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
