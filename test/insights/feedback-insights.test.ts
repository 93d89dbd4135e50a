import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import type { VerdictRecord } from '../../src/storage/ports/feedback.js';
import type { InsightsFilter } from '../../src/storage/ports/insights.js';
import { createTestDatabase } from '../storage/pg-test-server.js';
import { EXPECTED, FIXTURE_VERDICTS, fixtureOutcomes, seedFixture, type FixtureKey } from './insights-fixture.js';

const DAY_MS = 86_400_000;

/**
 * Verdicts, corrections, CRM outcomes and the insights' SQL on both engines: the hand-computed
 * fixture gives the same figures on SQLite and PostgreSQL.
 */
describe.each(['sqlite', 'postgres'] as const)('feedback and insights on %s', (engine) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  let seeded: Awaited<ReturnType<typeof seedFixture>>;
  let filter: InsightsFilter;

  beforeAll(async () => {
    if (engine === 'postgres') {
      const database = await createTestDatabase();
      drop = database.drop;
      db = await openDatabase({ url: database.url, dataDir: '/nonexistent' });
    } else {
      db = await openDatabase({ dataDir: ':memory:' });
    }
    const now = new Date();
    seeded = await seedFixture(db, { now });
    filter = { from: new Date(now.getTime() - DAY_MS), to: new Date(now.getTime() + DAY_MS) };
    for (const [key, given] of Object.entries(FIXTURE_VERDICTS) as Array<[FixtureKey, (typeof FIXTURE_VERDICTS)[keyof typeof FIXTURE_VERDICTS]]>) {
      const lead = seeded.leads[key];
      const handoff = seeded.handoffs[key]!;
      const details = given as { rejectionReason?: string; missingSignals?: string[]; corrections?: Array<{ dimension: string; level: string }> };
      await db.feedback.recordVerdict({
        handoffId: handoff.id,
        leadId: lead.id,
        conversationId: lead.conversationId,
        verdict: given.outcome === 'rejected' ? 'rejected' : 'accepted',
        outcome: given.outcome,
        ...(details.rejectionReason ? { reasonId: details.rejectionReason } : {}),
        missingSignals: details.missingSignals ?? [],
        corrections: (details.corrections ?? []).map((c) => ({ dimension: c.dimension, extracted: lead.facts[c.dimension]?.value, corrected: c.level })),
        via: key === 'B' || key === 'D' ? 'slack' : 'console',
        decidedAt: new Date().toISOString(),
      });
    }
    for (const outcome of fixtureOutcomes(seeded.leads, seeded.handoffs)) {
      const { type, ...rest } = outcome;
      expect((await db.feedback.recordOutcome({ ...rest, kind: type }, new Date())).created).toBe(true);
    }
  });

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('computes the hand-computed funnel, routes, calibration and levels', async () => {
    expect(await db.insights.funnel(filter)).toEqual(EXPECTED.funnel);
    const routes = await db.insights.routesOverTime(filter);
    const totals = routes.reduce<Record<string, number>>((sum, row) => {
      for (const key of ['handoff', 'nurture', 'disqualify', 'knockouts']) sum[key] = (sum[key] ?? 0) + Number(row[key]);
      return sum;
    }, {});
    expect(totals).toEqual(EXPECTED.routes);
    expect(await db.insights.calibration(filter)).toEqual(EXPECTED.calibration);
    expect(await db.insights.dimensionLevels(filter)).toEqual(EXPECTED.dimensions);
  });

  it('computes rejection reasons, missing signals, corrections and timings', async () => {
    expect(await db.insights.rejectionReasons(filter)).toEqual(EXPECTED.rejections);
    expect(await db.insights.missingSignals(filter)).toEqual(EXPECTED.missingSignals);
    expect(await db.insights.corrections(filter)).toEqual(EXPECTED.corrections);
    const timings = Object.fromEntries((await db.insights.timings(filter)).map(({ measure, ...rest }) => [measure, rest]));
    expect(timings).toEqual(EXPECTED.timings);
  });

  it('filters by UTM source (any case), locale and period', async () => {
    const [conversations] = await db.insights.funnel({ ...filter, utmSource: 'linkedin' });
    expect(conversations!.count).toBe(1);
    expect((await db.insights.funnel({ ...filter, locale: 'en' }))[0]!.count).toBe(1);
    expect((await db.insights.funnel({ ...filter, playbookVersion: 'other' }))[0]!.count).toBe(0);
    const past = { from: new Date(filter.from.getTime() - 10 * DAY_MS), to: filter.from };
    expect((await db.insights.funnel(past))[0]!.count).toBe(0);
    expect(await db.insights.calibration(past)).toEqual([]);
    expect((await db.insights.filterOptions(filter)).utmSource).toEqual(['linkedin']);
    expect((await db.insights.filterOptions(past)).utmSource).toEqual([]);
  });

  it('keeps the first verdict of a handoff and counts a repeated CRM event once', async () => {
    const first = (await db.feedback.verdictOf(seeded.handoffs.C!.id)) as VerdictRecord;
    expect(first).toMatchObject({ verdict: 'rejected', reasonId: 'no_budget', missingSignals: ['money'], via: 'console' });
    expect(first.corrections).toEqual([
      { dimension: 'authority', extracted: 'decision_maker', corrected: 'influencer' },
      { dimension: 'money', extracted: 'possible', corrected: 'none' },
    ]);
    const again = await db.feedback.recordVerdict({ ...first, verdict: 'accepted', outcome: 'accepted', corrections: [], missingSignals: ['authority'] });
    expect(again.created).toBe(false);
    expect(await db.feedback.verdictOf(first.handoffId)).toEqual(first);
    const [event] = fixtureOutcomes(seeded.leads, seeded.handoffs);
    const { type, ...rest } = event!;
    expect((await db.feedback.recordOutcome({ ...rest, kind: type }, new Date())).created).toBe(false);
    expect(await db.feedback.outcomesOf(seeded.leads.A.id)).toHaveLength(2);
    expect(await db.insights.funnel(filter)).toEqual(EXPECTED.funnel);
  });

  it('gives judged leads as labelled data, and erases them with the person', async () => {
    const labelled = await db.feedback.labelled();
    expect(labelled.map((item) => item.verdict.verdict)).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
    const a = labelled.find((item) => item.lead.id === seeded.leads.A.id)!;
    expect(a.outcomes.map((outcome) => outcome.kind)).toEqual(['opportunity_created', 'won']);
    expect(a.lead).toMatchObject({ visitorMessages: 5, facts: { authority: { value: 'decision_maker' } } });
    const erased = await db.lifecycle.erasePerson({ conversationId: seeded.leads.A.conversationId });
    expect(erased.leadIds).toEqual([seeded.leads.A.id]);
    expect(await db.feedback.outcomesOf(seeded.leads.A.id)).toEqual([]);
    expect(await db.feedback.labelled()).toHaveLength(3);
  });
});
