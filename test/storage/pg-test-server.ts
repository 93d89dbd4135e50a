import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the test PostgreSQL lives (trust auth); each run works in databases of its own. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Reachability check with a short timeout: on a laptop without PostgreSQL, the suite is skipped, saying why. */
export async function probePostgres(url = TEST_DATABASE_URL): Promise<{ available: true } | { available: false; reason: string }> {
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

/** Creates `qualibot_test_<random>` next to the test database and returns its URL and a dropper. */
export async function createTestDatabase(url = TEST_DATABASE_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `qualibot_test_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    // FORCE: a connection leaked by a failed test must not leave the database behind.
    drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
