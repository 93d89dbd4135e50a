import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP relay in front of a server (PostgreSQL in the fault tests) that a test can cut and
 * restore, as a network outage would: `cut()` kills every open connection and refuses new ones
 * (accepted, then closed at once), `restore()` lets connections through again. The target never
 * notices anything but dropped clients.
 */
export interface TcpProxy {
  host: string;
  port: number;
  /** Connections relayed since start (refused ones not counted). */
  readonly relayed: number;
  readonly isCut: boolean;
  /** `url` with its host and port replaced by the proxy's (e.g. a postgres:// URL). */
  through(url: string): string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  let relayed = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (cut) return void client.destroy();
    relayed += 1;
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    host: '127.0.0.1',
    port,
    get relayed() {
      return relayed;
    },
    get isCut() {
      return cut;
    },
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      cut = true;
      dropAll();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
