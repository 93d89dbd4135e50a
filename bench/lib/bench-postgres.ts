import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the bench may use (trust auth, like the test suite's); BENCH_DATABASE_URL overrides. */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one bench run (`qualibot_bench_<random>`), dropped afterwards; or why
 * PostgreSQL cannot be used (the section is then skipped, saying so).
 */
export async function createBenchDatabase(url = BENCH_POSTGRES_URL): Promise<{ url: string; drop(): Promise<void> } | { unavailable: string }> {
  const name = `qualibot_bench_${randomBytes(5).toString('hex')}`;
  try {
    await admin(url, `CREATE DATABASE ${name}`);
  } catch (error) {
    return { unavailable: `cannot use ${new URL(url).host} (${(error as Error).message || (error as Error).name})` };
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
