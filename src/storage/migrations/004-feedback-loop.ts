import type { Migration } from './migration.js';

/**
 * The sales feedback loop (#15).
 * - leads: the figures the insights page filters and groups on, copied out of the JSON columns into plain
 *   indexed columns on every upsert (route, score, utm source, usage, timings); existing rows are filled here.
 * - sdrs.roles: `admin` / `manager` may read the insights.
 * - verdicts (one per handoff), verdict_missing_signals and fact_corrections: what the SDR said about the lead,
 *   as labelled data (the lead's own facts stay in `leads`).
 * - crm_outcomes: what the CRM reported later, one row per event id (a repeated event is ignored).
 */
export const feedbackLoop: Migration = {
  version: 4,
  name: 'feedback-loop',
  sqlite: `
    ALTER TABLE leads ADD COLUMN route TEXT;
    ALTER TABLE leads ADD COLUMN handoff_reason TEXT;
    ALTER TABLE leads ADD COLUMN score REAL;
    ALTER TABLE leads ADD COLUMN complete INTEGER;
    ALTER TABLE leads ADD COLUMN knockout_count INTEGER;
    ALTER TABLE leads ADD COLUMN utm_source TEXT;
    ALTER TABLE leads ADD COLUMN llm_calls INTEGER;
    ALTER TABLE leads ADD COLUMN tokens INTEGER;
    ALTER TABLE leads ADD COLUMN visitor_messages INTEGER;
    ALTER TABLE leads ADD COLUMN started_at TEXT;
    ALTER TABLE leads ADD COLUMN decided_at TEXT;
    UPDATE leads SET
      route = json_extract(decision, '$.route'),
      handoff_reason = json_extract(decision, '$.handoffReason'),
      score = json_extract(decision, '$.score'),
      complete = json_extract(decision, '$.complete'),
      knockout_count = json_array_length(knockouts),
      utm_source = lower(json_extract(context, '$.utm_source')),
      llm_calls = json_extract(usage, '$.llmCalls'),
      tokens = coalesce(json_extract(usage, '$.tokensIn'), 0) + coalesce(json_extract(usage, '$.tokensOut'), 0),
      started_at = created_at;
    CREATE INDEX leads_insights ON leads (created_at, playbook_version, channel, locale, utm_source);

    ALTER TABLE sdrs ADD COLUMN roles TEXT NOT NULL DEFAULT '';

    CREATE TABLE verdicts (
      handoff_id TEXT PRIMARY KEY,
      lead_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
      outcome TEXT NOT NULL,
      reason_id TEXT,
      note TEXT,
      sdr_id TEXT,
      sdr_name TEXT,
      via TEXT NOT NULL,
      decided_at TEXT NOT NULL
    );
    CREATE INDEX verdicts_lead ON verdicts (lead_id);
    CREATE INDEX verdicts_decided ON verdicts (decided_at);

    CREATE TABLE verdict_missing_signals (
      handoff_id TEXT NOT NULL,
      lead_id TEXT NOT NULL,
      dimension TEXT NOT NULL,
      PRIMARY KEY (handoff_id, dimension)
    );
    CREATE INDEX verdict_missing_signals_lead ON verdict_missing_signals (lead_id);

    CREATE TABLE fact_corrections (
      handoff_id TEXT NOT NULL,
      lead_id TEXT NOT NULL,
      dimension TEXT NOT NULL,
      extracted TEXT,
      corrected TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (handoff_id, dimension)
    );
    CREATE INDEX fact_corrections_lead ON fact_corrections (lead_id);

    CREATE TABLE crm_outcomes (
      event_id TEXT PRIMARY KEY,
      lead_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('meeting_held', 'opportunity_created', 'won', 'lost')),
      occurred_at TEXT NOT NULL,
      amount REAL,
      currency TEXT,
      reason TEXT,
      received_at TEXT NOT NULL
    );
    CREATE INDEX crm_outcomes_lead ON crm_outcomes (lead_id, kind);
  `,
  postgres: `
    ALTER TABLE leads ADD COLUMN route text;
    ALTER TABLE leads ADD COLUMN handoff_reason text;
    ALTER TABLE leads ADD COLUMN score double precision;
    ALTER TABLE leads ADD COLUMN complete integer;
    ALTER TABLE leads ADD COLUMN knockout_count integer;
    ALTER TABLE leads ADD COLUMN utm_source text;
    ALTER TABLE leads ADD COLUMN llm_calls integer;
    ALTER TABLE leads ADD COLUMN tokens integer;
    ALTER TABLE leads ADD COLUMN visitor_messages integer;
    ALTER TABLE leads ADD COLUMN started_at timestamptz;
    ALTER TABLE leads ADD COLUMN decided_at timestamptz;
    UPDATE leads SET
      route = decision->>'route',
      handoff_reason = decision->>'handoffReason',
      score = (decision->>'score')::double precision,
      complete = CASE WHEN (decision->>'complete')::boolean THEN 1 WHEN decision IS NULL THEN NULL ELSE 0 END,
      knockout_count = jsonb_array_length(knockouts),
      utm_source = lower(context->>'utm_source'),
      llm_calls = (usage->>'llmCalls')::integer,
      tokens = coalesce((usage->>'tokensIn')::integer, 0) + coalesce((usage->>'tokensOut')::integer, 0),
      started_at = created_at;
    CREATE INDEX leads_insights ON leads (created_at, playbook_version, channel, locale, utm_source);

    ALTER TABLE sdrs ADD COLUMN roles text NOT NULL DEFAULT '';

    CREATE TABLE verdicts (
      handoff_id text PRIMARY KEY,
      lead_id text NOT NULL,
      conversation_id text NOT NULL,
      verdict text NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
      outcome text NOT NULL,
      reason_id text,
      note text,
      sdr_id text,
      sdr_name text,
      via text NOT NULL,
      decided_at timestamptz NOT NULL
    );
    CREATE INDEX verdicts_lead ON verdicts (lead_id);
    CREATE INDEX verdicts_decided ON verdicts (decided_at);

    CREATE TABLE verdict_missing_signals (
      handoff_id text NOT NULL,
      lead_id text NOT NULL,
      dimension text NOT NULL,
      PRIMARY KEY (handoff_id, dimension)
    );
    CREATE INDEX verdict_missing_signals_lead ON verdict_missing_signals (lead_id);

    CREATE TABLE fact_corrections (
      handoff_id text NOT NULL,
      lead_id text NOT NULL,
      dimension text NOT NULL,
      extracted text,
      corrected text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (handoff_id, dimension)
    );
    CREATE INDEX fact_corrections_lead ON fact_corrections (lead_id);

    CREATE TABLE crm_outcomes (
      event_id text PRIMARY KEY,
      lead_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('meeting_held', 'opportunity_created', 'won', 'lost')),
      occurred_at timestamptz NOT NULL,
      amount double precision,
      currency text,
      reason text,
      received_at timestamptz NOT NULL
    );
    CREATE INDEX crm_outcomes_lead ON crm_outcomes (lead_id, kind);
  `,
};
