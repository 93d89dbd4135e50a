import type { Migration } from './migration.js';

/**
 * The insights page on a year of data (#15): a per-day rollup of the leads, kept exact by triggers.
 * - leads.sql_accepted / opportunity / won: whether the lead has an accepted verdict, an opportunity (or win),
 *   a win; kept by triggers on `verdicts` and `crm_outcomes` (the funnel's per-lead EXISTS, paid once per write).
 * - insight_days: per day × playbook version × channel × locale × UTM source (NULL stored as ''), the counts the
 *   funnel, the routes over time and the leads' timings need. A trigger on `leads` takes back a row's old
 *   contribution and adds its new one on every insert, update and delete, so the sums always equal a
 *   from-scratch GROUP BY. Filled here from the existing rows.
 * - covering indexes: the verdict charts read a lead's id and score from the index alone.
 *
 * Each engine's SQL is written out from the one list of columns below (frozen with this migration).
 */
interface Measure {
  column: string;
  /** The lead's contribution, over the row alias `X` (OLD or NEW in the triggers, `leads` in the backfill). */
  value: (engine: 'sqlite' | 'postgres') => string;
  /** Sums of seconds: exact numeric on PostgreSQL, REAL on SQLite. */
  real?: boolean;
}

const decided = 'X.decided_at IS NOT NULL';
const handoffDecided = `X.route = 'handoff' AND ${decided}`;
const flag = (condition: string) => () => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

const MEASURES: Measure[] = [
  { column: 'conversations', value: () => '1' },
  { column: 'finished', value: flag('X.complete = 1 OR X.knockout_count > 0') },
  { column: 'handoff', value: flag(`X.route = 'handoff'`) },
  { column: 'high_score', value: flag(`X.route = 'handoff' AND X.handoff_reason = 'high_score'`) },
  { column: 'ambiguous', value: flag(`X.route = 'handoff' AND X.handoff_reason = 'ambiguous'`) },
  { column: 'nurture', value: flag(`X.route = 'nurture'`) },
  { column: 'disqualify', value: flag(`X.route = 'disqualify'`) },
  { column: 'knockouts', value: flag('X.knockout_count > 0') },
  { column: 'sql_accepted', value: flag('X.sql_accepted = 1') },
  { column: 'opportunity', value: flag('X.opportunity = 1') },
  { column: 'won', value: flag('X.won = 1') },
  { column: 'decided', value: flag(`${decided} AND X.visitor_messages IS NOT NULL`) },
  { column: 'messages_sum', value: () => `CASE WHEN ${decided} THEN coalesce(X.visitor_messages, 0) ELSE 0 END` },
  { column: 'timed', value: flag(`${decided} AND X.started_at IS NOT NULL`) },
  {
    column: 'seconds_sum',
    real: true,
    value: (engine) =>
      `CASE WHEN ${decided} AND X.started_at IS NOT NULL THEN ${
        engine === 'sqlite' ? '((julianday(X.decided_at) - julianday(X.started_at)) * 86400.0)' : 'EXTRACT(EPOCH FROM (X.decided_at - X.started_at))'
      } ELSE 0 END`,
  },
  { column: 'qualified', value: flag(handoffDecided) },
  { column: 'llm_counted', value: flag(`${handoffDecided} AND X.llm_calls IS NOT NULL`) },
  { column: 'llm_sum', value: () => `CASE WHEN ${handoffDecided} THEN coalesce(X.llm_calls, 0) ELSE 0 END` },
  { column: 'tokens_counted', value: flag(`${handoffDecided} AND X.tokens IS NOT NULL`) },
  { column: 'tokens_sum', value: () => `CASE WHEN ${handoffDecided} THEN coalesce(X.tokens, 0) ELSE 0 END` },
];

const KEYS = ['day', 'playbook_version', 'channel', 'locale', 'utm_source'];

function keyValues(engine: 'sqlite' | 'postgres'): string[] {
  const day = engine === 'sqlite' ? 'substr(X.created_at, 1, 10)' : `to_char(X.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  return [day, ...KEYS.slice(1).map((key) => `coalesce(X.${key}, '')`)];
}

function measureValues(engine: 'sqlite' | 'postgres', sign: string): string[] {
  return MEASURES.map((measure) => `${sign}(${measure.value(engine)})`);
}

const upsertTail = `ON CONFLICT (${KEYS.join(', ')}) DO UPDATE SET ${MEASURES.map(({ column }) => `${column} = insight_days.${column} + excluded.${column}`).join(', ')}`;

/** One lead's contribution (`X` = OLD or NEW), with sign +1 or -1. */
function contribution(engine: 'sqlite' | 'postgres', row: 'OLD' | 'NEW', sign: '' | '-'): string {
  const values = [...keyValues(engine), ...measureValues(engine, sign)].map((value) => value.replaceAll('X.', `${row}.`));
  return `INSERT INTO insight_days (${[...KEYS, ...MEASURES.map(({ column }) => column)].join(', ')}) VALUES (${values.join(', ')}) ${upsertTail};`;
}

function backfill(engine: 'sqlite' | 'postgres'): string {
  const keys = keyValues(engine).map((value) => value.replaceAll('X.', 'leads.'));
  const sums = MEASURES.map((measure) => `sum(${measure.value(engine).replaceAll('X.', 'leads.')})`);
  return `INSERT INTO insight_days (${[...KEYS, ...MEASURES.map(({ column }) => column)].join(', ')})
    SELECT ${[...keys, ...sums].join(', ')} FROM leads GROUP BY ${keys.map((_, index) => index + 1).join(', ')};`;
}

function table(engine: 'sqlite' | 'postgres'): string {
  const text = engine === 'sqlite' ? 'TEXT' : 'text';
  const measures = MEASURES.map(({ column, real }) => `${column} ${real ? (engine === 'sqlite' ? 'REAL' : 'numeric') : engine === 'sqlite' ? 'INTEGER' : 'bigint'} NOT NULL DEFAULT 0`);
  return `CREATE TABLE insight_days (
    ${KEYS.map((key) => `${key} ${text} NOT NULL`).join(',\n    ')},
    ${measures.join(',\n    ')},
    PRIMARY KEY (${KEYS.join(', ')})
  );`;
}

/** The feedback flags a verdict or outcome row changes, recomputed for its lead. */
const FLAG_SETS = {
  verdicts: `sql_accepted = CASE WHEN EXISTS (SELECT 1 FROM verdicts v WHERE v.lead_id = leads.id AND v.verdict = 'accepted') THEN 1 ELSE 0 END`,
  crm_outcomes: `opportunity = CASE WHEN EXISTS (SELECT 1 FROM crm_outcomes o WHERE o.lead_id = leads.id AND o.kind IN ('opportunity_created', 'won')) THEN 1 ELSE 0 END,
      won = CASE WHEN EXISTS (SELECT 1 FROM crm_outcomes o WHERE o.lead_id = leads.id AND o.kind = 'won') THEN 1 ELSE 0 END`,
};

const sqliteFlagTriggers = Object.entries(FLAG_SETS)
  .flatMap(([tableName, sets]) =>
    (['INSERT', 'UPDATE', 'DELETE'] as const).map((event) => {
      const ids = event === 'INSERT' ? ['NEW'] : event === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      return `CREATE TRIGGER ${tableName}_flags_${event.toLowerCase()} AFTER ${event} ON ${tableName} BEGIN
      UPDATE leads SET ${sets} WHERE id IN (${ids.map((id) => `${id}.lead_id`).join(', ')});
    END;`;
    }),
  )
  .join('\n    ');

const changedColumns = ['created_at', 'playbook_version', 'channel', 'locale', 'utm_source', 'route', 'handoff_reason', 'complete', 'knockout_count', 'sql_accepted', 'opportunity', 'won', 'visitor_messages', 'started_at', 'decided_at', 'llm_calls', 'tokens'];


/**
 * insight_levels: judged handoffs per day × filters × (dimension, level the bot read), for the acceptance rate per
 * level, which otherwise reads every judged lead's facts JSON. A verdict counts once per fact of its lead.
 */
const LEVEL_KEYS = [...KEYS, 'dimension', 'level'];
const LEVEL_MEASURES = ['judged', 'accepted', 'rejected'];

/** One verdict `V` × the facts of its lead `L` (`facts` = the JSON the facts are read from), with a sign. */
function levelRows(engine: 'sqlite' | 'postgres', lead: string, facts: string, verdict: string, sign: '' | '-', from: string, where: string): string {
  const keys = keyValues(engine).map((value) => value.replaceAll('X.', `${lead}.`));
  const each = engine === 'sqlite' ? `json_each(${facts}) f` : `jsonb_each(${facts}) f`;
  const level = engine === 'sqlite' ? `coalesce(json_extract(f.value, '$.value'), '')` : `coalesce(f.value->>'value', '')`;
  // Grouped: a lead with two judged handoffs gives the same key twice, and one upsert may touch a row only once.
  const values = [
    ...keys,
    'f.key',
    level,
    `${sign}count(*)`,
    `${sign}sum(CASE WHEN ${verdict}.verdict = 'accepted' THEN 1 ELSE 0 END)`,
    `${sign}sum(CASE WHEN ${verdict}.verdict = 'rejected' THEN 1 ELSE 0 END)`,
  ];
  return `INSERT INTO insight_levels (${[...LEVEL_KEYS, ...LEVEL_MEASURES].join(', ')})
        SELECT ${values.join(', ')} FROM ${from}, ${each} WHERE ${where} GROUP BY ${LEVEL_KEYS.map((_, index) => index + 1).join(', ')}
        ON CONFLICT (${LEVEL_KEYS.join(', ')}) DO UPDATE SET ${LEVEL_MEASURES.map((column) => `${column} = insight_levels.${column} + excluded.${column}`).join(', ')};`;
}

function levelsTable(engine: 'sqlite' | 'postgres'): string {
  const text = engine === 'sqlite' ? 'TEXT' : 'text';
  const integer = engine === 'sqlite' ? 'INTEGER' : 'bigint';
  return `CREATE TABLE insight_levels (
    ${LEVEL_KEYS.map((key) => `${key} ${text} NOT NULL`).join(',\n    ')},
    ${LEVEL_MEASURES.map((column) => `${column} ${integer} NOT NULL DEFAULT 0`).join(',\n    ')},
    PRIMARY KEY (${LEVEL_KEYS.join(', ')})
  );`;
}

function levelsBackfill(engine: 'sqlite' | 'postgres'): string {
  const keys = keyValues(engine).map((value) => value.replaceAll('X.', 'l.'));
  const each = engine === 'sqlite' ? 'json_each(l.facts) f' : 'jsonb_each(l.facts) f';
  const level = engine === 'sqlite' ? `coalesce(json_extract(f.value, '$.value'), '')` : `coalesce(f.value->>'value', '')`;
  return `INSERT INTO insight_levels (${[...LEVEL_KEYS, ...LEVEL_MEASURES].join(', ')})
    SELECT ${[...keys, 'f.key', level].join(', ')}, count(*), sum(CASE WHEN v.verdict = 'accepted' THEN 1 ELSE 0 END), sum(CASE WHEN v.verdict = 'rejected' THEN 1 ELSE 0 END)
    FROM verdicts v JOIN leads l ON l.id = v.lead_id, ${each} GROUP BY ${LEVEL_KEYS.map((_, index) => index + 1).join(', ')};`;
}

/** What a lead's judged contribution depends on: its keys and its facts. */
const levelColumns = ['created_at', 'playbook_version', 'channel', 'locale', 'utm_source', 'facts'];

export const insightDays: Migration = {
  version: 6,
  name: 'insight-days',
  sqlite: `
    ALTER TABLE leads ADD COLUMN sql_accepted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE leads ADD COLUMN opportunity INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE leads ADD COLUMN won INTEGER NOT NULL DEFAULT 0;
    UPDATE leads SET ${FLAG_SETS.verdicts}, ${FLAG_SETS.crm_outcomes};
    ${table('sqlite')}
    ${backfill('sqlite')}
    CREATE TRIGGER leads_insight_days_insert AFTER INSERT ON leads BEGIN
      ${contribution('sqlite', 'NEW', '')}
    END;
    CREATE TRIGGER leads_insight_days_update AFTER UPDATE ON leads
      WHEN ${changedColumns.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')}
    BEGIN
      ${contribution('sqlite', 'OLD', '-')}
      ${contribution('sqlite', 'NEW', '')}
    END;
    CREATE TRIGGER leads_insight_days_delete AFTER DELETE ON leads BEGIN
      ${contribution('sqlite', 'OLD', '-')}
    END;
    ${sqliteFlagTriggers}
    ${levelsTable('sqlite')}
    ${levelsBackfill('sqlite')}
    CREATE TRIGGER verdicts_levels_insert AFTER INSERT ON verdicts BEGIN
      ${levelRows('sqlite', 'l', 'l.facts', 'NEW', '', 'leads l', 'l.id = NEW.lead_id')}
    END;
    CREATE TRIGGER verdicts_levels_delete AFTER DELETE ON verdicts BEGIN
      ${levelRows('sqlite', 'l', 'l.facts', 'OLD', '-', 'leads l', 'l.id = OLD.lead_id')}
    END;
    CREATE TRIGGER verdicts_levels_update AFTER UPDATE ON verdicts BEGIN
      ${levelRows('sqlite', 'l', 'l.facts', 'OLD', '-', 'leads l', 'l.id = OLD.lead_id')}
      ${levelRows('sqlite', 'l', 'l.facts', 'NEW', '', 'leads l', 'l.id = NEW.lead_id')}
    END;
    CREATE TRIGGER leads_levels_update AFTER UPDATE ON leads
      WHEN ${levelColumns.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')}
    BEGIN
      ${levelRows('sqlite', 'OLD', 'OLD.facts', 'v', '-', 'verdicts v', 'v.lead_id = OLD.id')}
      ${levelRows('sqlite', 'NEW', 'NEW.facts', 'v', '', 'verdicts v', 'v.lead_id = NEW.id')}
    END;
    CREATE TRIGGER leads_levels_delete AFTER DELETE ON leads BEGIN
      ${levelRows('sqlite', 'OLD', 'OLD.facts', 'v', '-', 'verdicts v', 'v.lead_id = OLD.id')}
    END;
    CREATE INDEX leads_insights_cover ON leads (created_at, playbook_version, channel, locale, utm_source, id, score);
    CREATE INDEX verdicts_lead_cover ON verdicts (lead_id, verdict, reason_id);
  `,
  postgres: `
    ALTER TABLE leads ADD COLUMN sql_accepted integer NOT NULL DEFAULT 0;
    ALTER TABLE leads ADD COLUMN opportunity integer NOT NULL DEFAULT 0;
    ALTER TABLE leads ADD COLUMN won integer NOT NULL DEFAULT 0;
    UPDATE leads SET ${FLAG_SETS.verdicts}, ${FLAG_SETS.crm_outcomes};
    ${table('postgres')}
    ${backfill('postgres')}
    CREATE FUNCTION leads_insight_days() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (${changedColumns.map((column) => `OLD.${column} IS NOT DISTINCT FROM NEW.${column}`).join(' AND ')}) THEN
        RETURN NULL;
      END IF;
      -- Two rollup rows are locked in key order, so two leads moving between the same keys in opposite directions
      -- at once cannot deadlock.
      IF TG_OP = 'UPDATE' AND ROW(${keyValues('postgres').map((value) => value.replaceAll('X.', 'OLD.')).join(', ')}) > ROW(${keyValues('postgres').map((value) => value.replaceAll('X.', 'NEW.')).join(', ')}) THEN
        ${contribution('postgres', 'NEW', '')}
        ${contribution('postgres', 'OLD', '-')}
        RETURN NULL;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        ${contribution('postgres', 'OLD', '-')}
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        ${contribution('postgres', 'NEW', '')}
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER leads_insight_days AFTER INSERT OR UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION leads_insight_days();
    CREATE FUNCTION verdicts_flags() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE leads SET ${FLAG_SETS.verdicts}
        WHERE id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.lead_id END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.lead_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER verdicts_flags AFTER INSERT OR UPDATE OR DELETE ON verdicts FOR EACH ROW EXECUTE FUNCTION verdicts_flags();
    CREATE FUNCTION crm_outcomes_flags() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE leads SET ${FLAG_SETS.crm_outcomes}
        WHERE id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.lead_id END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.lead_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER crm_outcomes_flags AFTER INSERT OR UPDATE OR DELETE ON crm_outcomes FOR EACH ROW EXECUTE FUNCTION crm_outcomes_flags();
    ${levelsTable('postgres')}
    ${levelsBackfill('postgres')}
    CREATE FUNCTION verdicts_levels() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        ${levelRows('postgres', 'l', 'l.facts', 'OLD', '-', 'leads l', 'l.id = OLD.lead_id')}
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        ${levelRows('postgres', 'l', 'l.facts', 'NEW', '', 'leads l', 'l.id = NEW.lead_id')}
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER verdicts_levels AFTER INSERT OR UPDATE OR DELETE ON verdicts FOR EACH ROW EXECUTE FUNCTION verdicts_levels();
    CREATE FUNCTION leads_levels() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (${levelColumns.map((column) => `OLD.${column} IS NOT DISTINCT FROM NEW.${column}`).join(' AND ')}) THEN
        RETURN NULL;
      END IF;
      ${levelRows('postgres', 'OLD', 'OLD.facts', 'v', '-', 'verdicts v', 'v.lead_id = OLD.id')}
      IF TG_OP = 'UPDATE' THEN
        ${levelRows('postgres', 'NEW', 'NEW.facts', 'v', '', 'verdicts v', 'v.lead_id = NEW.id')}
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER leads_levels AFTER UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION leads_levels();
    CREATE INDEX leads_insights_cover ON leads (created_at, playbook_version, channel, locale, utm_source) INCLUDE (id, score);
    CREATE INDEX verdicts_lead_cover ON verdicts (lead_id) INCLUDE (verdict, reason_id);
  `,
};
