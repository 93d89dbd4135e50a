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

/**
 * One migrated database that a file's tests take in turn, emptied between them (every table but the migration
 * record emptied, sequences restarted): creating, migrating and dropping a database per test cost about a
 * second each, most of the PostgreSQL contract's time. A taker must close its connections before `drop`.
 */
export function recycledTestDatabase(): { take(): Promise<{ url: string; drop(): Promise<void> }>; dispose(): Promise<void> } {
  let created: ReturnType<typeof createTestDatabase> | undefined;
  return {
    async take() {
      created ??= createTestDatabase();
      const { url } = await created;
      return { url, drop: () => emptyDatabase(url) };
    },
    async dispose() {
      if (created) await (await created).drop();
    },
  };
}

async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
    );
    const sequences = await client.query<{ name: string }>(`SELECT quote_ident(sequencename) AS name FROM pg_sequences WHERE schemaname = current_schema()`);
    // DELETE, not TRUNCATE: on a few small tables it takes milliseconds where TRUNCATE syncs new files (~0.5 s).
    // Replica mode: no trigger (the insight rollups) or foreign key fires while emptying.
    await client.query(
      [
        'BEGIN',
        'SET LOCAL session_replication_role = replica',
        ...tables.rows.map(({ name }) => `DELETE FROM ${name}`),
        ...sequences.rows.map(({ name }) => `ALTER SEQUENCE ${name} RESTART`),
        'COMMIT',
      ].join(';\n'),
    );
  } finally {
    await client.end();
  }
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
