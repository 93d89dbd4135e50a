import type { Migration } from './migration.js';

/**
 * Live chat (#22).
 * - lead_notes: internal notes SDRs write on a lead (never sent to the visitor).
 * - visitor_ratings: the visitor's optional rating of the conversation after the close, one per lead (the last stands).
 * Both are keyed by lead_id, so an erasure or a purge of the lead takes them along (FEEDBACK_TABLES).
 */
export const leadNotesRatings: Migration = {
  version: 7,
  name: 'lead-notes-ratings',
  sqlite: `
    CREATE TABLE lead_notes (
      id TEXT PRIMARY KEY,
      lead_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      handoff_id TEXT,
      sdr_id TEXT,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX lead_notes_lead ON lead_notes (lead_id, created_at);

    CREATE TABLE visitor_ratings (
      lead_id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
      rated_at TEXT NOT NULL
    );
  `,
  postgres: `
    CREATE TABLE lead_notes (
      id text PRIMARY KEY,
      lead_id text NOT NULL,
      conversation_id text NOT NULL,
      handoff_id text,
      sdr_id text,
      author text NOT NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX lead_notes_lead ON lead_notes (lead_id, created_at);

    CREATE TABLE visitor_ratings (
      lead_id text PRIMARY KEY,
      conversation_id text NOT NULL,
      rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
      rated_at timestamptz NOT NULL
    );
  `,
};
