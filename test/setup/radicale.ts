import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { accessSync, constants } from 'node:fs';

/** What to install when Radicale (the CalDAV server of the booking tests) is missing. */
export const INSTALL_RADICALE = 'install Radicale (Debian/Ubuntu: apt-get install radicale) or set RADICALE_PATH';

/** RADICALE_PATH when set, else `radicale` on PATH; undefined when none. */
export function findRadicale(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.RADICALE_PATH) return env.RADICALE_PATH;
  for (const directory of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(directory, 'radicale');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

export interface RadicaleServer {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Creates a calendar collection (MKCALENDAR) and returns its URL. */
  makeCalendar(user: string, name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real Radicale on a free loopback port, with its own storage and htpasswd users (plain passwords), removed on stop. */
export async function startRadicale(binary: string, users: Record<string, string>): Promise<RadicaleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qualibot-radicale-'));
  const port = await freePort();
  writeFileSync(join(dir, 'users'), Object.entries(users).map(([user, password]) => `${user}:${password}`).join('\n') + '\n');
  writeFileSync(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[logging]',
      'level = warning',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['--config', join(dir, 'config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(port, child, () => stderr);
  return {
    url,
    async makeCalendar(user, name) {
      const calendarUrl = `${url}/${user}/${name}/`;
      const response = await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: `Basic ${Buffer.from(`${user}:${users[user]}`).toString('base64')}` } });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${calendarUrl}: HTTP ${response.status}`);
      return calendarUrl;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`radicale exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`radicale did not listen on ${port}: ${stderr()}`);
}
