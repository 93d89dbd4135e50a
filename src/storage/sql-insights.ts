import type { StorageEngine } from './ports/database.js';
import type { InsightsFilter, InsightsRepository, InsightsRow } from './ports/insights.js';
import type { Row } from './row-mappers.js';
import type { SqlRunner } from './sql-runner.js';

/** What SQLite and PostgreSQL spell differently; everything else below is the same SQL. */
interface Dialect {
  day(column: string): string;
  month(column: string): string;
  seconds(from: string, to: string): string;
  scoreBand(column: string): string;
  /** A FROM item `f` giving one row per fact of lead `l` (`f.key` is the dimension), and the level of one. */
  facts: string;
  factLevel: string;
}

const DIALECTS: Record<StorageEngine, Dialect> = {
  sqlite: {
    day: (column) => `substr(${column}, 1, 10)`,
    month: (column) => `substr(${column}, 1, 7)`,
    seconds: (from, to) => `((julianday(${to}) - julianday(${from})) * 86400.0)`,
    scoreBand: (column) => `CAST(${column} / 10 AS INTEGER) * 10`,
    facts: 'json_each(l.facts) f',
    factLevel: `json_extract(f.value, '$.value')`,
  },
  postgres: {
    day: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    month: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`,
    seconds: (from, to) => `EXTRACT(EPOCH FROM (${to} - ${from}))`,
    scoreBand: (column) => `(floor(${column} / 10) * 10)::integer`,
    facts: 'jsonb_each(l.facts) f',
    factLevel: `f.value->>'value'`,
  },
};

/** Periods up to this long are drawn per day, longer ones per month. */
const DAILY_UP_TO_DAYS = 62;
const NOBODY_AVAILABLE_END_REASONS = ['assignment-timeout', 'outside-business-hours', 'visitor-unreachable'];

/**
 * The insights' aggregates. Every query starts from the leads the filter selects through the
 * `leads_insights` index (created_at first), then joins verdicts, outcomes and handoffs by lead id (indexed).
 */
export class SqlInsightsRepository implements InsightsRepository {
  private readonly dialect: Dialect;

  constructor(private readonly sql: SqlRunner) {
    this.dialect = DIALECTS[sql.engine];
  }

  async funnel(filter: InsightsFilter): Promise<InsightsRow[]> {
    const day = dayFilter(filter);
    const [row] = day
      ? await this.sql.all(
          `SELECT sum(d.conversations) AS conversations, sum(d.finished) AS finished, sum(d.handoff) AS handoff, sum(d.high_score) AS high_score,
             sum(d.ambiguous) AS ambiguous, sum(d.sql_accepted) AS sql_accepted, sum(d.opportunity) AS opportunity, sum(d.won) AS won
           FROM insight_days d WHERE ${day.where}`,
          day.params,
        )
      : await this.rawFunnel(filter);
    const count = (key: string) => num(row?.[key]);
    const stages: Array<[string, number, Record<string, number>?]> = [
      ['conversations', count('conversations')],
      ['finished', count('finished')],
      ['handoff', count('handoff'), { highScore: count('high_score'), ambiguous: count('ambiguous') }],
      ['sql', count('sql_accepted')],
      ['opportunity', count('opportunity')],
      ['won', count('won')],
    ];
    return stages.map(([stage, value, split], index) => ({
      stage,
      count: value,
      ofPrevious: index === 0 ? null : ratio(value, stages[index - 1]![1]),
      ...(split ?? {}),
    }));
  }

  /** The funnel straight from the leads (periods that do not start and end at midnight UTC). */
  private rawFunnel(filter: InsightsFilter): Promise<Row[]> {
    const { where, params } = leadFilter(filter);
    return this.sql.all(
      `SELECT count(*) AS conversations,
         sum(CASE WHEN l.complete = 1 OR l.knockout_count > 0 THEN 1 ELSE 0 END) AS finished,
         sum(CASE WHEN l.route = 'handoff' THEN 1 ELSE 0 END) AS handoff,
         sum(CASE WHEN l.route = 'handoff' AND l.handoff_reason = 'high_score' THEN 1 ELSE 0 END) AS high_score,
         sum(CASE WHEN l.route = 'handoff' AND l.handoff_reason = 'ambiguous' THEN 1 ELSE 0 END) AS ambiguous,
         sum(l.sql_accepted) AS sql_accepted, sum(l.opportunity) AS opportunity, sum(l.won) AS won
       FROM leads l WHERE ${where}`,
      params,
    );
  }

  async routesOverTime(filter: InsightsFilter): Promise<InsightsRow[]> {
    const daily = filter.to.getTime() - filter.from.getTime() <= DAILY_UP_TO_DAYS * 86_400_000;
    const day = dayFilter(filter);
    const rows = day ? await this.sql.all(
      `SELECT ${daily ? 'd.day' : 'substr(d.day, 1, 7)'} AS period, sum(d.handoff) AS handoff, sum(d.nurture) AS nurture,
         sum(d.disqualify) AS disqualify, sum(d.knockouts) AS knockouts
       FROM insight_days d WHERE ${day.where} GROUP BY 1 HAVING sum(d.conversations) > 0 ORDER BY 1`,
      day.params,
    ) : await this.rawRoutes(filter, daily);
    return rows.map((row) => ({ period: String(row.period), handoff: num(row.handoff), nurture: num(row.nurture), disqualify: num(row.disqualify), knockouts: num(row.knockouts) }));
  }

  private rawRoutes(filter: InsightsFilter, daily: boolean): Promise<Row[]> {
    const { where, params } = leadFilter(filter);
    const period = daily ? this.dialect.day('l.created_at') : this.dialect.month('l.created_at');
    return this.sql.all(
      `SELECT ${period} AS period,
         sum(CASE WHEN l.route = 'handoff' THEN 1 ELSE 0 END) AS handoff,
         sum(CASE WHEN l.route = 'nurture' THEN 1 ELSE 0 END) AS nurture,
         sum(CASE WHEN l.route = 'disqualify' THEN 1 ELSE 0 END) AS disqualify,
         sum(CASE WHEN l.knockout_count > 0 THEN 1 ELSE 0 END) AS knockouts
       FROM leads l WHERE ${where} GROUP BY ${period} ORDER BY 1`,
      params,
    );
  }

  async calibration(filter: InsightsFilter): Promise<InsightsRow[]> {
    const { where, params } = leadFilter(filter);
    const band = `CASE WHEN l.score >= 90 THEN 90 ELSE ${this.dialect.scoreBand('l.score')} END`;
    const rows = await this.sql.all(
      `SELECT ${band} AS band, ${verdictCounts}
       FROM leads l JOIN verdicts v ON v.lead_id = l.id WHERE ${where} AND l.score IS NOT NULL GROUP BY ${band} ORDER BY 1`,
      params,
    );
    return rows.map((row) => ({ band: `${num(row.band)}–${num(row.band) === 90 ? 100 : num(row.band) + 9}`, ...judged(row) }));
  }

  async dimensionLevels(filter: InsightsFilter): Promise<InsightsRow[]> {
    const day = dayFilter(filter);
    const rows = day
      ? await this.sql.all(
          `SELECT d.dimension AS dimension, d.level AS level, sum(d.judged) AS judged, sum(d.accepted) AS accepted, sum(d.rejected) AS rejected
           FROM insight_levels d WHERE ${day.where} GROUP BY d.dimension, d.level HAVING sum(d.judged) > 0 ORDER BY 1, 2`,
          day.params,
        )
      : await this.rawDimensionLevels(filter);
    return rows.map((row) => ({ dimension: String(row.dimension), level: String(row.level ?? ''), ...judged(row) }));
  }

  private rawDimensionLevels(filter: InsightsFilter): Promise<Row[]> {
    const { where, params } = leadFilter(filter);
    return this.sql.all(
      `SELECT f.key AS dimension, ${this.dialect.factLevel} AS level, ${verdictCounts}
       FROM leads l JOIN verdicts v ON v.lead_id = l.id CROSS JOIN ${this.dialect.facts}
       WHERE ${where} GROUP BY f.key, ${this.dialect.factLevel} ORDER BY 1, 2`,
      params,
    );
  }

  async rejectionReasons(filter: InsightsFilter): Promise<InsightsRow[]> {
    const { where, params } = leadFilter(filter);
    const rows = await this.sql.all(
      `SELECT coalesce(v.reason_id, 'other') AS reason, count(*) AS count
       FROM leads l JOIN verdicts v ON v.lead_id = l.id WHERE ${where} AND v.verdict = 'rejected'
       GROUP BY coalesce(v.reason_id, 'other') ORDER BY 2 DESC, 1`,
      params,
    );
    return rows.map((row) => ({ reason: String(row.reason), count: num(row.count) }));
  }

  async missingSignals(filter: InsightsFilter): Promise<InsightsRow[]> {
    const { where, params } = leadFilter(filter);
    const rows = await this.sql.all(
      `SELECT m.dimension AS dimension, count(*) AS count
       FROM leads l JOIN verdict_missing_signals m ON m.lead_id = l.id WHERE ${where} GROUP BY m.dimension ORDER BY 2 DESC, 1`,
      params,
    );
    return rows.map((row) => ({ dimension: String(row.dimension), count: num(row.count) }));
  }

  async corrections(filter: InsightsFilter): Promise<InsightsRow[]> {
    const { where, params } = leadFilter(filter);
    const rows = await this.sql.all(
      `SELECT c.dimension AS dimension, coalesce(c.extracted, '') AS extracted, c.corrected AS corrected, count(*) AS count
       FROM leads l JOIN fact_corrections c ON c.lead_id = l.id WHERE ${where}
       GROUP BY c.dimension, coalesce(c.extracted, ''), c.corrected ORDER BY 1, 4 DESC, 2, 3`,
      params,
    );
    return rows.map((row) => ({ dimension: String(row.dimension), extracted: String(row.extracted), corrected: String(row.corrected), count: num(row.count) }));
  }

  async timings(filter: InsightsFilter): Promise<InsightsRow[]> {
    const { where, params } = leadFilter(filter);
    const d = this.dialect;
    const nobody = NOBODY_AVAILABLE_END_REASONS.map((reason) => `'${reason}'`).join(', ');
    const day = dayFilter(filter);
    const [leads] = day ? (await this.sql.all(
      `SELECT sum(d.decided) AS decided, sum(d.messages_sum) AS messages_sum, sum(d.timed) AS timed, sum(d.seconds_sum) AS seconds_sum,
         sum(d.qualified) AS qualified, sum(d.llm_counted) AS llm_counted, sum(d.llm_sum) AS llm_sum, sum(d.tokens_counted) AS tokens_counted, sum(d.tokens_sum) AS tokens_sum
       FROM insight_days d WHERE ${day.where}`,
      day.params,
    )).map((row) => ({
      decided: row.decided, messages: average(row.messages_sum, row.decided), timed: row.timed, seconds: average(row.seconds_sum, row.timed),
      qualified: row.qualified, llm_calls: average(row.llm_sum, row.llm_counted), tokens: average(row.tokens_sum, row.tokens_counted),
    })) : await this.sql.all(
      `SELECT count(l.visitor_messages) AS decided, avg(l.visitor_messages) AS messages,
         count(l.started_at) AS timed, avg(${d.seconds('l.started_at', 'l.decided_at')}) AS seconds,
         sum(CASE WHEN l.route = 'handoff' THEN 1 ELSE 0 END) AS qualified,
         avg(CASE WHEN l.route = 'handoff' THEN l.llm_calls END) AS llm_calls,
         avg(CASE WHEN l.route = 'handoff' THEN l.tokens END) AS tokens
       FROM leads l WHERE ${where} AND l.decided_at IS NOT NULL`,
      params,
    );
    const [handoffs] = await this.sql.all(
      `SELECT count(*) AS handoffs, count(h.claimed_at) AS claimed, avg(${d.seconds('h.created_at', 'h.claimed_at')}) AS claim_seconds,
         sum(CASE WHEN h.status = 'expired' OR h.end_reason IN (${nobody}) THEN 1 ELSE 0 END) AS nobody
       FROM leads l JOIN handoffs h ON h.lead_id = l.id WHERE ${where}`,
      params,
    );
    // Per won lead of the filter (not per lead of the whole table): its first handoff and its first win.
    const [won] = await this.sql.all(
      `SELECT count(*) AS won, avg(${d.seconds('w.first_at', 'w.won_at')}) AS cycle_seconds
       FROM (SELECT l.id, min(h.created_at) AS first_at, min(o.occurred_at) AS won_at
             FROM leads l JOIN crm_outcomes o ON o.lead_id = l.id AND o.kind = 'won' JOIN handoffs h ON h.lead_id = l.id
             WHERE ${where} GROUP BY l.id) w`,
      params,
    );
    const handoffCount = num(handoffs?.handoffs);
    return [
      { measure: 'messagesToVerdict', count: num(leads?.decided), value: round(leads?.messages) },
      { measure: 'secondsToVerdict', count: num(leads?.timed), value: round(leads?.seconds) },
      { measure: 'secondsToClaim', count: num(handoffs?.claimed), value: round(handoffs?.claim_seconds) },
      { measure: 'nobodyAvailableRate', count: handoffCount, value: ratio(num(handoffs?.nobody), handoffCount) },
      { measure: 'salesCycleDays', count: num(won?.won), value: won?.cycle_seconds === null || won?.cycle_seconds === undefined ? null : round(Number(won.cycle_seconds) / 86_400) },
      { measure: 'llmCallsPerQualifiedLead', count: num(leads?.qualified), value: round(leads?.llm_calls) },
      { measure: 'tokensPerQualifiedLead', count: num(leads?.qualified), value: round(leads?.tokens) },
    ];
  }

  async versions(filter: InsightsFilter): Promise<InsightsRow[]> {
    // Every version of the period side by side: the version filter itself is not applied.
    const { playbookVersion: _ignored, ...others } = filter;
    const day = dayFilter(others);
    const counts = day
      ? await this.sql.all(
          `SELECT d.playbook_version AS version, sum(d.conversations) AS conversations, sum(d.handoff) AS handoff, sum(d.nurture) AS nurture,
             sum(d.disqualify) AS disqualify, sum(d.knockouts) AS knockouts, sum(d.won) AS won
           FROM insight_days d WHERE ${day.where} GROUP BY d.playbook_version HAVING sum(d.conversations) > 0`,
          day.params,
        )
      : await this.rawVersionCounts(others);
    const { where, params } = leadFilter(others);
    const judgedRows = await this.sql.all(
      `SELECT coalesce(l.playbook_version, '') AS version, ${verdictCounts}
       FROM leads l JOIN verdicts v ON v.lead_id = l.id WHERE ${where} GROUP BY coalesce(l.playbook_version, '')`,
      params,
    );
    const judgedByVersion = new Map(judgedRows.map((row) => [String(row.version), judged(row)]));
    return counts
      .map((row) => ({
        playbookVersion: String(row.version),
        conversations: num(row.conversations),
        handoff: num(row.handoff),
        nurture: num(row.nurture),
        disqualify: num(row.disqualify),
        knockouts: num(row.knockouts),
        handoffRate: ratio(num(row.handoff), num(row.conversations)),
        ...(judgedByVersion.get(String(row.version)) ?? { judged: 0, accepted: 0, rejected: 0, acceptanceRate: null }),
        won: num(row.won),
      }))
      .sort((a, b) => a.playbookVersion.localeCompare(b.playbookVersion));
  }

  private rawVersionCounts(filter: InsightsFilter): Promise<Row[]> {
    const { where, params } = leadFilter(filter);
    return this.sql.all(
      `SELECT coalesce(l.playbook_version, '') AS version, count(*) AS conversations,
         sum(CASE WHEN l.route = 'handoff' THEN 1 ELSE 0 END) AS handoff, sum(CASE WHEN l.route = 'nurture' THEN 1 ELSE 0 END) AS nurture,
         sum(CASE WHEN l.route = 'disqualify' THEN 1 ELSE 0 END) AS disqualify, sum(CASE WHEN l.knockout_count > 0 THEN 1 ELSE 0 END) AS knockouts, sum(l.won) AS won
       FROM leads l WHERE ${where} GROUP BY coalesce(l.playbook_version, '')`,
      params,
    );
  }

  async filterOptions(period: Pick<InsightsFilter, 'from' | 'to'>): Promise<Record<'playbookVersion' | 'channel' | 'locale' | 'utmSource', string[]>> {
    // Within the period only: read through the index, not the whole table.
    const day = dayFilter({ from: period.from, to: period.to });
    const distinct = async (column: string) =>
      (
        day
          ? await this.sql.all(`SELECT DISTINCT d.${column} AS value FROM insight_days d WHERE ${day.where} AND d.${column} <> '' AND d.conversations > 0 ORDER BY 1 LIMIT 200`, day.params)
          : await this.sql.all(`SELECT DISTINCT l.${column} AS value FROM leads l WHERE l.created_at >= ? AND l.created_at < ? AND l.${column} IS NOT NULL ORDER BY 1 LIMIT 200`, [
              period.from.toISOString(),
              period.to.toISOString(),
            ])
      ).map((row) => String(row.value));
    const [playbookVersion, channel, locale, utmSource] = await Promise.all(['playbook_version', 'channel', 'locale', 'utm_source'].map(distinct));
    return { playbookVersion: playbookVersion!, channel: channel!, locale: locale!, utmSource: utmSource! };
  }
}

const verdictCounts = `count(*) AS judged,
  sum(CASE WHEN v.verdict = 'accepted' THEN 1 ELSE 0 END) AS accepted,
  sum(CASE WHEN v.verdict = 'rejected' THEN 1 ELSE 0 END) AS rejected`;

function judged(row: Row): InsightsRow {
  const total = num(row.judged);
  const accepted = num(row.accepted);
  return { judged: total, accepted, rejected: num(row.rejected), acceptanceRate: ratio(accepted, total) };
}

const DAY_MS = 86_400_000;

/**
 * The WHERE clause on the rollup `insight_days d` when the period starts and ends at midnight UTC (what the page
 * and the API ask for); undefined otherwise, and the leads are read instead.
 */
function dayFilter(filter: Pick<InsightsFilter, 'from' | 'to'> & Partial<InsightsFilter>): { where: string; params: unknown[] } | undefined {
  if (filter.from.getTime() % DAY_MS !== 0 || filter.to.getTime() % DAY_MS !== 0) return undefined;
  const clauses = ['d.day >= ?', 'd.day < ?'];
  const params: unknown[] = [filter.from.toISOString().slice(0, 10), filter.to.toISOString().slice(0, 10)];
  const equal: Array<[string, string | undefined]> = [
    ['d.playbook_version', filter.playbookVersion],
    ['d.channel', filter.channel],
    ['d.locale', filter.locale],
    ['d.utm_source', filter.utmSource?.toLowerCase()],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { where: clauses.join(' AND '), params };
}

/** A sum over a count as the SQL `avg` gives it: null over nothing. */
function average(sum: unknown, count: unknown): number | null {
  return num(count) === 0 ? null : Number(sum) / num(count);
}

/** The WHERE clause on `leads l` (only the filters given: no `? IS NULL` for PostgreSQL to guess a type for). */
function leadFilter(filter: InsightsFilter): { where: string; params: unknown[] } {
  const clauses = ['l.created_at >= ?', 'l.created_at < ?'];
  const params: unknown[] = [filter.from.toISOString(), filter.to.toISOString()];
  const equal: Array<[string, string | undefined]> = [
    ['l.playbook_version', filter.playbookVersion],
    ['l.channel', filter.channel],
    ['l.locale', filter.locale],
    ['l.utm_source', filter.utmSource?.toLowerCase()],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { where: clauses.join(' AND '), params };
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Two decimals; null when there is nothing to measure. */
function round(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
