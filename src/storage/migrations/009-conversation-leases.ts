import type { Migration } from './migration.js';

/**
 * Conversation leases on PostgreSQL (src/storage/postgres/pg-conversation-lock.ts): one row per conversation whose
 * turn runs on some instance, until `expires_at` (renewed while the turn runs). A lease replaces a session advisory
 * lock, which held a pooled connection for the whole turn, model call included, and so capped an instance at one
 * turn in flight per lock connection. UNLOGGED: a lease is worth nothing after a database restart, so it is not
 * written to the WAL. SQLite is one instance and locks in memory: it has no such table.
 */
export const conversationLeases: Migration = {
  version: 9,
  name: 'conversation-leases',
  sqlite: `SELECT 1;`,
  postgres: `
    CREATE UNLOGGED TABLE conversation_leases (
      key text PRIMARY KEY,
      holder text NOT NULL,
      expires_at timestamptz NOT NULL
    );
  `,
};
