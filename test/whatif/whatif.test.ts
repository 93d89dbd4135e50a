import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadPlaybook } from '../../src/playbook/loader.js';
import type { Playbook } from '../../src/playbook/schema.js';
import type { Database } from '../../src/storage/index.js';
import { diffPlaybooks } from '../../src/whatif/playbook-diff.js';
import { rulesReextractor } from '../../src/whatif/reextract.js';
import { whatIf } from '../../src/whatif/whatif.js';
import { openEngine, seedLead } from './seed-leads.js';

const logger = pino({ level: 'silent' });
const champ = loadPlaybook('champ');

function withChanges(change: (copy: Playbook) => void): Playbook {
  const copy = structuredClone(champ);
  change(copy);
  return copy;
}

/**
 * CHAMP, handoff at 70. Points: challenge clear_problem 25; authority decision_maker 25, influencer 15;
 * money allocated 25, possible 15; prioritization within_3_months 25, 3_to_6_months 10.
 *   hot   100: clear, decision_maker, allocated, within_3   → handoff at 70 and at 80
 *   ok     75: clear, decision_maker, possible, 3_to_6       → handoff at 70, nurture at 80   (SDR accepted, won)
 *   meh    75: clear, decision_maker, allocated, later(0)    → handoff at 70, nurture at 80   (SDR rejected)
 *   low    65: clear, influencer, possible, 3_to_6           → nurture at both
 *   old    another playbook version: counted apart
 *   noauth 75-ish without authority: in the question test, never asked the new authority question
 */
describe.each(['sqlite', 'postgres'] as const)('qualibot whatif over a seeded database on %s', (engine) => {
  let db: Database;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine, logger));
    const base = { challenge: 'clear_problem', authority: 'decision_maker' };
    await seedLead(db, champ, { id: 'hot', levels: { ...base, money: 'allocated', prioritization: 'within_3_months' } });
    await seedLead(db, champ, {
      id: 'ok',
      levels: { ...base, money: 'possible', prioritization: '3_to_6_months' },
      verdict: 'accepted',
      crm: 'won',
      visitor: ['Our pipeline is too thin, we lack sales meetings', 'I am the CEO, I sign', 'We have a budget of 60k euros a year', 'Within two months'],
    });
    await seedLead(db, champ, { id: 'meh', levels: { ...base, money: 'allocated', prioritization: 'later' }, verdict: 'rejected' });
    await seedLead(db, champ, { id: 'low', levels: { challenge: 'clear_problem', authority: 'influencer', money: 'possible', prioritization: '3_to_6_months' } });
    await seedLead(db, champ, { id: 'old', levels: { ...base, money: 'allocated', prioritization: 'within_3_months' }, playbookVersion: '2025-01-01.1' });
    await seedLead(db, champ, { id: 'noauth', levels: { challenge: 'clear_problem', money: 'allocated', prioritization: 'within_3_months' } });
  });

  afterAll(async () => {
    await close?.();
  });

  async function run(candidate: Playbook) {
    const leads = await db.leads.list();
    const feedback = new Map((await db.feedback.labelled()).map((item) => [item.lead.id, item]));
    return whatIf({ baseline: champ, candidate, leads, feedback, reextract: rulesReextractor(candidate, (id) => db.transcripts.list(id), logger) });
  }

  it('re-scores stored facts, exactly, when only the handoff threshold is raised', async () => {
    const report = await run(withChanges((copy) => (copy.thresholds.handoff = 80)));
    expect(report.mode).toBe('scoring-only');
    expect(report.method).toMatch(/no re-extraction/);
    expect(report.changes).toEqual(['thresholds.handoff 70 → 80']);
    // noauth: 25 + 25 + 25 = 75, handoff at 70, nurture at 80.
    expect(report.matrix).toEqual({ 'handoff/high_score': { 'handoff/high_score': 1, nurture: 3 }, nurture: { nurture: 1 } });
    expect(report.apart.otherPlaybook).toEqual({ 'champ-outsourced-prospecting@2025-01-01.1': 1 });
    expect(report.replayed).toBe(5);
    expect(report.flipped.map((lead) => lead.leadId).sort()).toEqual(['meh', 'noauth', 'ok']);
    expect(report.flipped.find((lead) => lead.leadId === 'ok')).toMatchObject({ verdict: 'accepted', crmOutcomes: ['won'], scoreBefore: 75, scoreAfter: 75 });
    expect(report.flipSummary).toContain('1 SDR-accepted lead (won in the CRM) would now be nurture (was handoff/high_score)');
    expect(report.flipSummary).toContain('1 SDR-rejected lead would now be nurture (was handoff/high_score)');
    expect(report.scoreShift.every((shift) => shift.changed === 0)).toBe(true);
  });

  it('reports the points each dimension gains when a level is worth more', async () => {
    const candidate = withChanges((copy) => (copy.dimensions.find((d) => d.id === 'prioritization')!.levels.find((l) => l.id === '3_to_6_months')!.points = 25));
    const report = await run(candidate);
    expect(report.mode).toBe('scoring-only');
    // hot 25, ok 10, meh 0, low 10, noauth 25 = 70 / 5 = 14; ok and low gain 15 each: 100 / 5 = 20. low (65 → 80) is now a handoff.
    expect(report.scoreShift.find((shift) => shift.dimension === 'prioritization')).toMatchObject({ changed: 2, meanBefore: 14, meanAfter: 20 });
    expect(report.matrix.nurture).toEqual({ 'handoff/high_score': 1 });
  });

  it('counts apart the leads never asked a reworded question, and re-extracts the others', async () => {
    const candidate = withChanges((copy) => (copy.dimensions.find((d) => d.id === 'authority')!.question.en = 'Who signs the contract on your side?'));
    const diff = diffPlaybooks(champ, candidate);
    expect(diff).toMatchObject({ mode: 're-extract', newQuestions: ['authority'] });
    const report = await run(candidate);
    expect(report.method).toMatch(/re-extracted/);
    expect(report.apart.cannotReplayFaithfully).toBe(1); // noauth
    // hot, meh and low have an authority answer but no stored messages: not guessed either.
    expect(report.apart.noTranscript).toBe(3);
    // ok's own words, read again by the rules extractor and the real dialog: a CEO with budget, within two months.
    expect(report.replayed).toBe(1);
    expect(report.matrix).toEqual({ 'handoff/high_score': { 'handoff/high_score': 1 } });
  });
});
