import type { Fact } from '../../src/qualification/types.js';
import type { Database } from '../../src/storage/ports/database.js';
import type { HandoffRecord } from '../../src/storage/ports/handoffs.js';
import type { LeadRecord } from '../../src/storage/ports/leads.js';

/**
 * Eleven decided conversations (CHAMP), six of them handed off, and what sales said about them.
 * Every expected figure below is computed by hand from this table, not by the code under test.
 *
 * | lead | route / reason        | score | complete | knockout | msgs | s to verdict | llm | tokens | handoff        | verdict                         | CRM                         |
 * | A    | handoff / high_score  | 85    | yes      |          | 5    | 120          | 2   | 400    | claimed +30 s  | meeting_booked (console)         | opportunity, won +30 days    |
 * | B    | handoff / high_score  | 75    | yes      |          | 6    | 180          | 0   | 0      | claimed +60 s  | accepted (Slack)                 | opportunity                  |
 * | C    | handoff / ambiguous   | 55    | yes      |          | 7    | 300          | 1   | 200    | claimed +90 s  | rejected no_budget (console), missing money, authority→influencer, money→none | |
 * | D    | handoff / ambiguous   | 62    | yes      |          | 8    | 240          | 1   | 200    | queued         | rejected wrong_contact (Slack)   |                              |
 * | E    | handoff / high_score  | 90    | yes      |          | 5    | 60           | 0   | 0      | queued         |                                  |                              |
 * | K    | handoff / high_score  | 80    | yes      |          | 5    | 60           | 0   | 0      | expired        |                                  |                              |
 * | F    | nurture               | 40    | yes      |          | 6    | 100          | 0   | 0      |                |                                  |                              |
 * | G    | nurture               | 30    | no       |          | 2    | 40           | 0   | 0      |                |                                  |                              |
 * | H    | disqualify            | 10    | no       | student  | 3    | 50           | 0   | 0      |                |                                  |                              |
 * | I    | disqualify            | 20    | yes      | vendor   | 6    | 90           | 0   | 0      |                |                                  |                              |
 * | J    | nurture (en, linkedin)| 45    | yes      |          | 6    | 150          | 0   | 0      |                |                                  |                              |
 * Facts: A authority decision_maker, money allocated; B decision_maker, possible; C decision_maker, possible; D influencer, allocated.
 */
export type FixtureKey = 'A' | 'B' | 'C' | 'D' | 'E' | 'K' | 'F' | 'G' | 'H' | 'I' | 'J';

interface FixtureLead {
  route: 'handoff' | 'nurture' | 'disqualify';
  handoffReason?: 'high_score' | 'ambiguous';
  score: number;
  complete: boolean;
  knockout?: string;
  messages: number;
  secondsToVerdict: number;
  llmCalls: number;
  tokens: number;
  authority?: string;
  money?: string;
  locale?: 'fr' | 'en';
  utmSource?: string;
  handoff?: 'claimed' | 'queued' | 'expired';
  claimAfterS?: number;
}

export const FIXTURE: Record<FixtureKey, FixtureLead> = {
  A: { route: 'handoff', handoffReason: 'high_score', score: 85, complete: true, messages: 5, secondsToVerdict: 120, llmCalls: 2, tokens: 400, authority: 'decision_maker', money: 'allocated', handoff: 'claimed', claimAfterS: 30 },
  B: { route: 'handoff', handoffReason: 'high_score', score: 75, complete: true, messages: 6, secondsToVerdict: 180, llmCalls: 0, tokens: 0, authority: 'decision_maker', money: 'possible', handoff: 'claimed', claimAfterS: 60 },
  C: { route: 'handoff', handoffReason: 'ambiguous', score: 55, complete: true, messages: 7, secondsToVerdict: 300, llmCalls: 1, tokens: 200, authority: 'decision_maker', money: 'possible', handoff: 'claimed', claimAfterS: 90 },
  D: { route: 'handoff', handoffReason: 'ambiguous', score: 62, complete: true, messages: 8, secondsToVerdict: 240, llmCalls: 1, tokens: 200, authority: 'influencer', money: 'allocated', handoff: 'queued' },
  E: { route: 'handoff', handoffReason: 'high_score', score: 90, complete: true, messages: 5, secondsToVerdict: 60, llmCalls: 0, tokens: 0, handoff: 'queued' },
  K: { route: 'handoff', handoffReason: 'high_score', score: 80, complete: true, messages: 5, secondsToVerdict: 60, llmCalls: 0, tokens: 0, handoff: 'expired' },
  F: { route: 'nurture', score: 40, complete: true, messages: 6, secondsToVerdict: 100, llmCalls: 0, tokens: 0 },
  G: { route: 'nurture', score: 30, complete: false, messages: 2, secondsToVerdict: 40, llmCalls: 0, tokens: 0 },
  H: { route: 'disqualify', score: 10, complete: false, knockout: 'student', messages: 3, secondsToVerdict: 50, llmCalls: 0, tokens: 0 },
  I: { route: 'disqualify', score: 20, complete: true, knockout: 'vendor', messages: 6, secondsToVerdict: 90, llmCalls: 0, tokens: 0 },
  J: { route: 'nurture', score: 45, complete: true, messages: 6, secondsToVerdict: 150, llmCalls: 0, tokens: 0, locale: 'en', utmSource: 'LinkedIn' },
};

/** The verdicts of the table (the e2e gives A and C from the console, B and D from Slack). */
export const FIXTURE_VERDICTS = {
  A: { outcome: 'meeting_booked' as const },
  B: { outcome: 'accepted' as const },
  C: { outcome: 'rejected' as const, rejectionReason: 'no_budget', missingSignals: ['money'], corrections: [{ dimension: 'authority', level: 'influencer' }, { dimension: 'money', level: 'none' }] },
  D: { outcome: 'rejected' as const, rejectionReason: 'wrong_contact' },
};

const DAY_S = 86_400;
/** The CRM's events: A became an opportunity and was won 30 days after its handoff; B became an opportunity. */
export function fixtureOutcomes(leads: Record<FixtureKey, LeadRecord>, handoffs: Partial<Record<FixtureKey, HandoffRecord>>) {
  const after = (key: FixtureKey, seconds: number) => new Date(Date.parse(handoffs[key]!.createdAt) + seconds * 1000).toISOString();
  return [
    { eventId: 'hs-1001', leadId: leads.A.id, type: 'opportunity_created' as const, occurredAt: after('A', 7 * DAY_S) },
    { eventId: 'hs-1002', leadId: leads.A.id, type: 'won' as const, occurredAt: after('A', 30 * DAY_S), amount: 12000, currency: 'EUR' },
    { eventId: 'hs-1003', leadId: leads.B.id, type: 'opportunity_created' as const, occurredAt: after('B', 10 * DAY_S) },
  ];
}

function fact(dimension: string, value: string): Fact {
  return { dimension, value, evidence: `${dimension} evidence`, confidence: 0.9, source: 'rules', turn: 1 };
}

/**
 * Stores the table's leads and handoffs (verdicts and outcomes are the caller's: API, console, Slack…).
 * `realClaims`: A, B, C stay queued, for SDRs to claim for real (their claim times are then real too).
 */
export async function seedFixture(db: Database, options: { now?: Date; realClaims?: boolean } = {}): Promise<{ leads: Record<FixtureKey, LeadRecord>; handoffs: Partial<Record<FixtureKey, HandoffRecord>> }> {
  const leads = {} as Record<FixtureKey, LeadRecord>;
  const handoffs: Partial<Record<FixtureKey, HandoffRecord>> = {};
  const now = options.now ?? new Date();
  for (const [key, lead] of Object.entries(FIXTURE) as Array<[FixtureKey, FixtureLead]>) {
    const facts: Record<string, Fact> = {};
    if (lead.authority) facts.authority = fact('authority', lead.authority);
    if (lead.money) facts.money = fact('money', lead.money);
    const knockouts = lead.knockout ? [{ id: lead.knockout, evidence: 'ko', turn: 1, source: 'rules' as const }] : [];
    const decidedAt = now.toISOString();
    const conversationId = `fixture-conv-${key}-${now.getTime()}`;
    leads[key] = await db.leads.upsert({
      id: `fixture-lead-${key}-${now.getTime()}`,
      conversationId,
      channel: 'webchat',
      locale: lead.locale ?? 'fr',
      status: 'decided',
      facts,
      knockouts,
      decision: { route: lead.route, ...(lead.handoffReason ? { handoffReason: lead.handoffReason } : {}), score: lead.score, tier: lead.score >= 70 ? 'hot' : 'warm', reasons: [], knockouts, complete: lead.complete },
      context: lead.utmSource ? { utm_source: lead.utmSource } : {},
      contact: {},
      usage: { llmCalls: lead.llmCalls, tokensIn: lead.tokens * 0.75, tokensOut: lead.tokens * 0.25 },
      playbookId: 'champ-outsourced-prospecting',
      playbookVersion: 'fixture-1',
      startedAt: new Date(now.getTime() - lead.secondsToVerdict * 1000).toISOString(),
      decidedAt,
      visitorMessages: lead.messages,
    });
    if (!lead.handoff) continue;
    const created = await db.handoffs.create({
      id: `fixture-handoff-${key}-${now.getTime()}`,
      conversationId,
      leadId: leads[key].id,
      reason: lead.handoffReason!,
      score: lead.score,
      tier: 'hot',
      packet: { summary: `Fixture lead ${key}`, locale: lead.locale ?? 'fr', facts: [], reasons: [], contact: {} },
    });
    handoffs[key] = created;
    if (lead.handoff === 'expired') {
      handoffs[key] = await db.handoffs.transition(created.id, { from: ['queued'], to: 'expired', patch: { endReason: 'assignment-timeout' } });
    } else if (lead.handoff === 'claimed' && !options.realClaims) {
      const claimedAt = new Date(Date.parse(created.createdAt) + lead.claimAfterS! * 1000).toISOString();
      handoffs[key] = await db.handoffs.transition(created.id, { from: ['queued'], to: 'live', patch: { sdrId: 'fixture-sdr', sdrName: 'Fixture SDR', claimedAt } });
    }
  }
  return { leads, handoffs };
}

/** Hand-computed from the table (rates to 4 decimals, averages to 2). */
export const EXPECTED = {
  funnel: [
    { stage: 'conversations', count: 11, ofPrevious: null },
    { stage: 'finished', count: 10, ofPrevious: 0.9091 }, // all but G (H stopped at a knockout)
    { stage: 'handoff', count: 6, ofPrevious: 0.6, highScore: 4, ambiguous: 2 },
    { stage: 'sql', count: 2, ofPrevious: 0.3333 }, // A, B
    { stage: 'opportunity', count: 2, ofPrevious: 1 },
    { stage: 'won', count: 1, ofPrevious: 0.5 },
  ],
  funnelSummary: { mqlToSql: 0.3333, sqlToWon: 0.5 },
  routes: { handoff: 6, nurture: 3, disqualify: 2, knockouts: 2 },
  calibration: [
    { band: '50–59', judged: 1, accepted: 0, rejected: 1, acceptanceRate: 0 },
    { band: '60–69', judged: 1, accepted: 0, rejected: 1, acceptanceRate: 0 },
    { band: '70–79', judged: 1, accepted: 1, rejected: 0, acceptanceRate: 1 },
    { band: '80–89', judged: 1, accepted: 1, rejected: 0, acceptanceRate: 1 },
  ],
  dimensions: [
    { dimension: 'authority', level: 'decision_maker', judged: 3, accepted: 2, rejected: 1, acceptanceRate: 0.6667 },
    { dimension: 'authority', level: 'influencer', judged: 1, accepted: 0, rejected: 1, acceptanceRate: 0 },
    { dimension: 'money', level: 'allocated', judged: 2, accepted: 1, rejected: 1, acceptanceRate: 0.5 },
    { dimension: 'money', level: 'possible', judged: 2, accepted: 1, rejected: 1, acceptanceRate: 0.5 },
  ],
  rejections: [
    { reason: 'no_budget', count: 1 },
    { reason: 'wrong_contact', count: 1 },
  ],
  missingSignals: [{ dimension: 'money', count: 1 }],
  corrections: [
    { dimension: 'authority', extracted: 'decision_maker', corrected: 'influencer', count: 1 },
    { dimension: 'money', extracted: 'possible', corrected: 'none', count: 1 },
  ],
  timings: {
    messagesToVerdict: { count: 11, value: 5.36 }, // 59 / 11
    secondsToVerdict: { count: 11, value: 126.36 }, // 1390 / 11
    secondsToClaim: { count: 3, value: 60 }, // (30 + 60 + 90) / 3 when seeded; real claims in the browser test
    nobodyAvailableRate: { count: 6, value: 0.1667 }, // K of six handoffs
    salesCycleDays: { count: 1, value: 30 },
    llmCallsPerQualifiedLead: { count: 6, value: 0.67 }, // 4 / 6
    tokensPerQualifiedLead: { count: 6, value: 133.33 }, // 800 / 6
  },
};
