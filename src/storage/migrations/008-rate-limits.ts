import type { Migration } from './migration.js';

/**
 * Rate limits shared by every instance on PostgreSQL (src/server/rate-limiter-factory.ts): rate-limiter-flexible's
 * counters, one row per limit, counter and key (`ip-steady:203.0.113.7`), `expire` in epoch milliseconds. Created
 * here rather than by the library so the schema has one owner and instances never race to create it. `key` is
 * text (conversation ids can be long) and `expire` double precision (a window of `windowMs / limit` may be a
 * fraction of a millisecond, which bigint refuses). Rows are deleted by the library an hour after they expire.
 * SQLite is one instance: its limits count in memory, so it has no such table.
 */
export const rateLimits: Migration = {
  version: 8,
  name: 'rate-limits',
  sqlite: `SELECT 1;`,
  postgres: `
    CREATE TABLE rate_limits (
      key text PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire double precision
    );
    CREATE INDEX rate_limits_expire ON rate_limits (expire);
  `,
};
