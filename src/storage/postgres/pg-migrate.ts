import type pg from 'pg';
import { assertOrdered, type Migration } from '../migrations/index.js';
import { withTransaction } from './pg-transaction.js';

/** Advisory-lock key (one-bigint key space) held while migrating: "qualibot" spelled on a phone keypad. */
const MIGRATION_LOCK_KEY = '782542568';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in one transaction. Two processes
 * starting at once serialise on a transaction-level advisory lock; the second finds nothing to do.
 * Returns the versions applied.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<number[]> {
  assertOrdered(migrations);
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}
