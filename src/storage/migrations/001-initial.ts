import type { Migration } from './migration.js';

/**
 * The initial schema. JSON is TEXT in SQLite and jsonb in PostgreSQL; timestamps are ISO-8601 UTC TEXT
 * in SQLite (so they sort as strings) and timestamptz in PostgreSQL. No foreign keys between tables:
 * a handoff or an outbox entry may be written before its lead, and erasure deletes explicitly.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  sqlite: `
    CREATE TABLE bot_state (
      key TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      etag TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX bot_state_updated ON bot_state (updated_at);

    CREATE TABLE transcripts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id TEXT NOT NULL,
      sender TEXT NOT NULL CHECK (sender IN ('visitor', 'bot', 'sdr')),
      text TEXT NOT NULL,
      at TEXT NOT NULL,
      activity_id TEXT,
      author TEXT
    );
    CREATE INDEX transcripts_conversation ON transcripts (conversation_id, at, id);
    CREATE INDEX transcripts_at ON transcripts (at);

    CREATE TABLE processed_activities (
      conversation_id TEXT NOT NULL,
      activity_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, activity_id)
    );
    CREATE INDEX processed_activities_created ON processed_activities (created_at);

    CREATE TABLE leads (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      locale TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('qualifying', 'decided')),
      facts TEXT NOT NULL,
      knockouts TEXT NOT NULL,
      decision TEXT,
      context TEXT NOT NULL,
      contact TEXT NOT NULL,
      email TEXT,
      usage TEXT NOT NULL,
      playbook_id TEXT NOT NULL,
      playbook_version TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX leads_conversation ON leads (conversation_id, updated_at);
    CREATE INDEX leads_email ON leads (email);
    CREATE INDEX leads_updated ON leads (updated_at);

    CREATE TABLE handoffs (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      lead_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'live', 'closed', 'expired', 'released')),
      reason TEXT NOT NULL,
      score REAL NOT NULL,
      tier TEXT NOT NULL,
      packet TEXT NOT NULL,
      sdr_id TEXT,
      sdr_name TEXT,
      outcome TEXT,
      outcome_reason TEXT,
      end_reason TEXT,
      created_at TEXT NOT NULL,
      claimed_at TEXT,
      closed_at TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX handoffs_conversation ON handoffs (conversation_id, status);
    CREATE INDEX handoffs_lead ON handoffs (lead_id);
    CREATE INDEX handoffs_status ON handoffs (status, created_at);

    CREATE TABLE sdrs (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE conversation_references (
      conversation_id TEXT PRIMARY KEY,
      reference TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      type TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      payload TEXT NOT NULL,
      subject_email TEXT,
      subject_conversation_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'in_flight', 'delivered', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      claimed_at TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      delivered_at TEXT
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_subject_email ON outbox (subject_email);
    CREATE INDEX outbox_subject_conversation ON outbox (subject_conversation_id);
  `,
  postgres: `
    -- text, not jsonb: state is an opaque blob, and jsonb would refuse a NUL character in a visitor's words.
    CREATE TABLE bot_state (
      key text PRIMARY KEY,
      data text NOT NULL,
      etag text NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX bot_state_updated ON bot_state (updated_at);

    CREATE TABLE transcripts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      conversation_id text NOT NULL,
      sender text NOT NULL CHECK (sender IN ('visitor', 'bot', 'sdr')),
      text text NOT NULL,
      at timestamptz NOT NULL,
      activity_id text,
      author text
    );
    CREATE INDEX transcripts_conversation ON transcripts (conversation_id, at, id);
    CREATE INDEX transcripts_at ON transcripts (at);

    CREATE TABLE processed_activities (
      conversation_id text NOT NULL,
      activity_id text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (conversation_id, activity_id)
    );
    CREATE INDEX processed_activities_created ON processed_activities (created_at);

    CREATE TABLE leads (
      id text PRIMARY KEY,
      conversation_id text NOT NULL,
      channel text NOT NULL,
      locale text NOT NULL,
      status text NOT NULL CHECK (status IN ('qualifying', 'decided')),
      facts jsonb NOT NULL,
      knockouts jsonb NOT NULL,
      decision jsonb,
      context jsonb NOT NULL,
      contact jsonb NOT NULL,
      email text,
      usage jsonb NOT NULL,
      playbook_id text NOT NULL,
      playbook_version text NOT NULL,
      version integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX leads_conversation ON leads (conversation_id, updated_at);
    CREATE INDEX leads_email ON leads (email);
    CREATE INDEX leads_updated ON leads (updated_at);

    CREATE TABLE handoffs (
      id text PRIMARY KEY,
      conversation_id text NOT NULL,
      lead_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'live', 'closed', 'expired', 'released')),
      reason text NOT NULL,
      score double precision NOT NULL,
      tier text NOT NULL,
      packet jsonb NOT NULL,
      sdr_id text,
      sdr_name text,
      outcome text,
      outcome_reason text,
      end_reason text,
      created_at timestamptz NOT NULL,
      claimed_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX handoffs_conversation ON handoffs (conversation_id, status);
    CREATE INDEX handoffs_lead ON handoffs (lead_id);
    CREATE INDEX handoffs_status ON handoffs (status, created_at);

    CREATE TABLE sdrs (
      id text PRIMARY KEY,
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE conversation_references (
      conversation_id text PRIMARY KEY,
      reference jsonb NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      payload jsonb NOT NULL,
      subject_email text,
      subject_conversation_id text,
      status text NOT NULL CHECK (status IN ('pending', 'in_flight', 'delivered', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      delivered_at timestamptz
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_subject_email ON outbox (subject_email);
    CREATE INDEX outbox_subject_conversation ON outbox (subject_conversation_id);

    -- Event-bus payloads too large for NOTIFY (8000 bytes): the notification carries the row id.
    CREATE TABLE bus_payloads (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      topic text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX bus_payloads_created ON bus_payloads (created_at);
  `,
};
