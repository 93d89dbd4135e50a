import type { Migration } from './migration.js';

/**
 * Enrichment (#19): what was looked up about a visitor's company from their e-mail domain or website, one row per
 * lead and domain, kept with the conversation and the e-mail so an erasure or an export finds it even before
 * the lead is decided. A late result (after the turn stopped waiting) lands here and shows on the lead card.
 */
export const enrichments: Migration = {
  version: 5,
  name: 'enrichments',
  sqlite: `
    CREATE TABLE enrichments (
      lead_id TEXT NOT NULL,
      domain TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      email TEXT,
      result TEXT NOT NULL,
      looked_up_at TEXT NOT NULL,
      PRIMARY KEY (lead_id, domain)
    );
    CREATE INDEX enrichments_conversation ON enrichments (conversation_id);
    CREATE INDEX enrichments_email ON enrichments (email);
    CREATE INDEX enrichments_looked_up ON enrichments (looked_up_at);
  `,
  postgres: `
    CREATE TABLE enrichments (
      lead_id text NOT NULL,
      domain text NOT NULL,
      conversation_id text NOT NULL,
      email text,
      result jsonb NOT NULL,
      looked_up_at timestamptz NOT NULL,
      PRIMARY KEY (lead_id, domain)
    );
    CREATE INDEX enrichments_conversation ON enrichments (conversation_id);
    CREATE INDEX enrichments_email ON enrichments (email);
    CREATE INDEX enrichments_looked_up ON enrichments (looked_up_at);
  `,
};
