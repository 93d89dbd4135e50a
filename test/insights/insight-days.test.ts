import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILENAME } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import type { InsightsFilter } from '../../src/storage/ports/insights.js';
import { createTestDatabase } from '../storage/pg-test-server.js';
import { EXPECTED, FIXTURE_VERDICTS, fixtureOutcomes, seedFixture, type FixtureKey } from './insights-fixture.js';

const DAY_MS = 86_400_000;
const KEYS = ['day', 'playbook_version', 'channel', 'locale', 'utm_source'];

/**
 * The per-day rollup `insight_days` (migration 6) against a from-scratch GROUP BY of the leads, written here
 * independently of the migration (EXISTS on verdicts and outcomes, not the leads' flags), after every kind of
 * write: leads inserted and updated, verdicts, CRM outcomes, erasure. And the charts read through the rollup
 * (periods at midnight UTC) equal those read from the leads (any other period) and the hand-computed fixture.
 */
describe.each(['sqlite', 'postgres'] as const)('insight_days rollup on %s', (engine) => {
  let db: Database;
  let query: (sql: string) => Promise<Array<Record<string, unknown>>>;
  let cleanup: () => Promise<void>;
  let seeded: Awaited<ReturnType<typeof seedFixture>>;
  const now = new Date();

  const day = engine === 'sqlite' ? 'substr(l.created_at, 1, 10)' : `to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const seconds = engine === 'sqlite' ? '((julianday(l.decided_at) - julianday(l.started_at)) * 86400.0)' : 'EXTRACT(EPOCH FROM (l.decided_at - l.started_at))';
  const flag = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const decided = 'l.decided_at IS NOT NULL';
  const handoffDecided = `l.route = 'handoff' AND ${decided}`;
  const fromScratch = `SELECT ${day} AS day, coalesce(l.playbook_version, '') AS playbook_version, coalesce(l.channel, '') AS channel,
      coalesce(l.locale, '') AS locale, coalesce(l.utm_source, '') AS utm_source,
      count(*) AS conversations,
      ${flag('l.complete = 1 OR l.knockout_count > 0')} AS finished,
      ${flag(`l.route = 'handoff'`)} AS handoff,
      ${flag(`l.route = 'handoff' AND l.handoff_reason = 'high_score'`)} AS high_score,
      ${flag(`l.route = 'handoff' AND l.handoff_reason = 'ambiguous'`)} AS ambiguous,
      ${flag(`l.route = 'nurture'`)} AS nurture, ${flag(`l.route = 'disqualify'`)} AS disqualify, ${flag('l.knockout_count > 0')} AS knockouts,
      ${flag(`EXISTS (SELECT 1 FROM verdicts v WHERE v.lead_id = l.id AND v.verdict = 'accepted')`)} AS sql_accepted,
      ${flag(`EXISTS (SELECT 1 FROM crm_outcomes o WHERE o.lead_id = l.id AND o.kind IN ('opportunity_created', 'won'))`)} AS opportunity,
      ${flag(`EXISTS (SELECT 1 FROM crm_outcomes o WHERE o.lead_id = l.id AND o.kind = 'won')`)} AS won,
      count(CASE WHEN ${decided} THEN l.visitor_messages END) AS decided, coalesce(sum(CASE WHEN ${decided} THEN l.visitor_messages END), 0) AS messages_sum,
      count(CASE WHEN ${decided} THEN l.started_at END) AS timed, coalesce(sum(CASE WHEN ${decided} THEN ${seconds} END), 0) AS seconds_sum,
      ${flag(handoffDecided)} AS qualified,
      count(CASE WHEN ${handoffDecided} THEN l.llm_calls END) AS llm_counted, coalesce(sum(CASE WHEN ${handoffDecided} THEN l.llm_calls END), 0) AS llm_sum,
      count(CASE WHEN ${handoffDecided} THEN l.tokens END) AS tokens_counted, coalesce(sum(CASE WHEN ${handoffDecided} THEN l.tokens END), 0) AS tokens_sum
    FROM leads l GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

  /** Numbers as numbers (PostgreSQL's bigint and numeric come as text); seconds to the microsecond. */
  const normalise = (rows: Array<Record<string, unknown>>, keys = KEYS) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, keys.includes(key) ? value : key === 'seconds_sum' ? Math.round(Number(value) * 1e6) / 1e6 : Number(value)])));

  const level = engine === 'sqlite' ? `coalesce(json_extract(f.value, '$.value'), '')` : `coalesce(f.value->>'value', '')`;
  const levelsFromScratch = `SELECT ${day} AS day, coalesce(l.playbook_version, '') AS playbook_version, coalesce(l.channel, '') AS channel,
      coalesce(l.locale, '') AS locale, coalesce(l.utm_source, '') AS utm_source, f.key AS dimension, ${level} AS level,
      count(*) AS judged, ${flag(`v.verdict = 'accepted'`)} AS accepted, ${flag(`v.verdict = 'rejected'`)} AS rejected
    FROM verdicts v JOIN leads l ON l.id = v.lead_id, ${engine === 'sqlite' ? 'json_each(l.facts) f' : 'jsonb_each(l.facts) f'}
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`;
  const LEVEL_KEYS = [...KEYS, 'dimension', 'level'];

  async function expectRollupExact(): Promise<void> {
    const levels = normalise(await query(`SELECT * FROM insight_levels ORDER BY ${LEVEL_KEYS.join(', ')}`), LEVEL_KEYS);
    for (const row of levels.filter((item) => item.judged === 0)) expect([row.accepted, row.rejected]).toEqual([0, 0]);
    expect(levels.filter((row) => row.judged !== 0)).toEqual(normalise(await query(levelsFromScratch), LEVEL_KEYS));
    const rollup = normalise(await query(`SELECT * FROM insight_days ORDER BY ${KEYS.join(', ')}`));
    // Rows emptied by updates and deletes stay, at zero everywhere; the others equal the recomputation.
    const emptied = rollup.filter((row) => row.conversations === 0);
    for (const row of emptied) for (const [key, value] of Object.entries(row)) if (!KEYS.includes(key)) expect(value, key).toBe(0);
    expect(rollup.filter((row) => row.conversations !== 0)).toEqual(normalise(await query(fromScratch)));
  }

  /** The same leads through the rollup (midnight to midnight) and from the leads (a period that is not). */
  async function expectSameThroughBothPaths(extra: Partial<InsightsFilter> = {}): Promise<void> {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const aligned = { from: new Date(midnight - DAY_MS), to: new Date(midnight + 2 * DAY_MS), ...extra };
    const raw = { from: new Date(midnight - DAY_MS + 1), to: new Date(midnight + 2 * DAY_MS - 1), ...extra };
    const r = db.insights;
    expect(await r.funnel(aligned)).toEqual(await r.funnel(raw));
    expect(await r.routesOverTime(aligned)).toEqual(await r.routesOverTime(raw));
    expect(await r.timings(aligned)).toEqual(await r.timings(raw));
    expect(await r.filterOptions(aligned)).toEqual(await r.filterOptions(raw));
    expect(await r.versions(aligned)).toEqual(await r.versions(raw));
    expect(await r.dimensionLevels(aligned)).toEqual(await r.dimensionLevels(raw));
  }

  beforeAll(async () => {
    if (engine === 'postgres') {
      const database = await createTestDatabase();
      db = await openDatabase({ url: database.url, dataDir: '/nonexistent' });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      query = async (sql) => (await client.query(sql)).rows;
      cleanup = async () => {
        await client.end();
        await database.drop();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'qualibot-insight-days-'));
      db = await openDatabase({ dataDir: dir });
      const reader = new BetterSqlite3(join(dir, SQLITE_FILENAME), { readonly: true });
      query = async (sql) => reader.prepare(sql).all() as Array<Record<string, unknown>>;
      cleanup = async () => {
        reader.close();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    seeded = await seedFixture(db, { now });
  });

  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('equals the from-scratch counts after leads, verdicts and CRM outcomes are written', async () => {
    await expectRollupExact();
    for (const [key, given] of Object.entries(FIXTURE_VERDICTS) as Array<[FixtureKey, (typeof FIXTURE_VERDICTS)[keyof typeof FIXTURE_VERDICTS]]>) {
      const lead = seeded.leads[key];
      await db.feedback.recordVerdict({
        handoffId: seeded.handoffs[key]!.id,
        leadId: lead.id,
        conversationId: lead.conversationId,
        verdict: given.outcome === 'rejected' ? 'rejected' : 'accepted',
        outcome: given.outcome,
        missingSignals: [],
        corrections: [],
        via: 'console',
        decidedAt: new Date().toISOString(),
      });
      await expectRollupExact();
    }
    for (const outcome of fixtureOutcomes(seeded.leads, seeded.handoffs)) {
      const { type, ...rest } = outcome;
      await db.feedback.recordOutcome({ ...rest, kind: type }, new Date());
    }
    await expectRollupExact();
    // The charts read through the rollup give the hand-computed fixture too.
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const aligned = { from: new Date(midnight - DAY_MS), to: new Date(midnight + 2 * DAY_MS) };
    expect(await db.insights.funnel(aligned)).toEqual(EXPECTED.funnel);
    const timings = Object.fromEntries((await db.insights.timings(aligned)).map(({ measure, ...rest }) => [measure, rest]));
    expect(timings).toEqual(EXPECTED.timings);
    expect(await db.insights.dimensionLevels(aligned)).toEqual(EXPECTED.dimensions);
    await expectSameThroughBothPaths();
    await expectSameThroughBothPaths({ utmSource: 'LinkedIn' });
    await expectSameThroughBothPaths({ locale: 'en', playbookVersion: 'fixture-1', channel: 'webchat' });
  });

  it('follows a lead that changes route, locale and source, and one that is being qualified', async () => {
    const e = seeded.leads.E;
    await db.leads.upsert({ ...e, locale: 'en', context: { utm_source: 'Google' }, decision: { ...e.decision!, route: 'handoff', handoffReason: 'ambiguous' } });
    await expectRollupExact();
    // A judged lead whose facts and source change after its verdict (a later turn): its levels move with it.
    const c = seeded.leads.C;
    await db.leads.upsert({ ...c, context: { utm_source: 'newsletter' }, facts: { ...c.facts, authority: { ...c.facts.authority!, value: 'influencer' } } });
    await expectRollupExact();
    await db.leads.upsert({ ...e, id: `${e.id}-new`, conversationId: `${e.conversationId}-new`, status: 'qualifying', decision: null, decidedAt: undefined, visitorMessages: undefined });
    await expectRollupExact();
    await expectSameThroughBothPaths();
    await expectSameThroughBothPaths({ utmSource: 'google', locale: 'en' });
  });

  it('takes back what an erased person and purged leads counted', async () => {
    await db.lifecycle.erasePerson({ conversationId: seeded.leads.A.conversationId });
    await expectRollupExact();
    await db.lifecycle.erasePerson({ conversationId: seeded.leads.B.conversationId });
    await expectRollupExact();
    await expectSameThroughBothPaths();
    const [conversations] = await db.insights.funnel({ from: new Date(now.getTime() - DAY_MS), to: new Date(now.getTime() + DAY_MS) });
    expect(conversations!.count).toBe(Object.keys(seeded.leads).length - 2 + 1);
  });
});
