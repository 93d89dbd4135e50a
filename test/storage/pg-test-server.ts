import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The PostgreSQL of this test run: TEST_DATABASE_URL, the machine's server, or one the run started
 * (test/setup/test-postgres.ts). Never skipped: the integration lane always has one.
 */
export function testDatabaseUrl(): string {
  const url = inject('postgresUrl');
  if (!url) throw new Error('No PostgreSQL for this test: it must run in the integration lane (vitest.config.ts), whose set-up provides one.');
  return url;
}

/** Creates `qualibot_test_<random>` next to the test database and returns its URL and a dropper. */
export async function createTestDatabase(url = testDatabaseUrl()): Promise<{ url: string; drop(): Promise<void> }> {
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
