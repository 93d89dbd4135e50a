import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { absorbFacts, absorbKnockouts, emptyFactSheet, markUnclear } from '../../src/qualification/fact-sheet.js';
import type { Fact, FactSheet, KnockoutHit } from '../../src/qualification/types.js';
import { decide } from '../../src/scoring/scorer.js';

const champ = loadPlaybook('champ');

function fact(dimension: string, value: string, turn: number, extra: Partial<Fact> = {}): Fact {
  return { dimension, value, evidence: `turn ${turn}: ${value}`, confidence: 0.9, source: 'rules', turn, ...extra };
}

/** Folds each turn's facts in order, as the dialog does. */
function absorbTurns(...turns: Fact[][]): FactSheet {
  return turns.reduce((sheet, facts) => absorbFacts(champ, sheet, facts), emptyFactSheet());
}

describe('absorbFacts', () => {
  it('stores the first fact per dimension and ignores dimensions the playbook does not have', () => {
    const sheet = absorbTurns([fact('authority', 'decision_maker', 1), fact('horoscope', 'leo', 1)]);
    expect(Object.keys(sheet.facts)).toEqual(['authority']);
    expect(sheet.facts.authority?.value).toBe('decision_maker');
    expect(sheet.contradictions).toEqual({});
  });

  it('does not mutate the sheet it is given', () => {
    const first = absorbTurns([fact('authority', 'decision_maker', 1)]);
    const snapshot = structuredClone(first);
    absorbFacts(champ, first, [fact('authority', 'influencer', 2), fact('money', 'possible', 2)]);
    expect(first).toEqual(snapshot);
  });

  it('records a contradiction across turns and keeps the latest answer as the current fact', () => {
    const sheet = absorbTurns([fact('authority', 'decision_maker', 1)], [fact('authority', 'influencer', 3)]);
    expect(sheet.contradictions.authority).toEqual({
      dimension: 'authority',
      values: ['decision_maker', 'influencer'],
      evidence: ['turn 1: decision_maker', 'turn 3: influencer'],
    });
    expect(sheet.facts.authority?.value).toBe('influencer');
  });

  it('accumulates a third conflicting answer into the same contradiction', () => {
    const sheet = absorbTurns(
      [fact('authority', 'decision_maker', 1)],
      [fact('authority', 'influencer', 2)],
      [fact('authority', 'no_role', 3)],
    );
    expect(sheet.contradictions.authority?.values).toEqual(['decision_maker', 'influencer', 'no_role']);
    expect(sheet.contradictions.authority?.evidence).toHaveLength(3);
  });

  it('records a contradiction within one message', () => {
    const sheet = absorbTurns([
      fact('money', 'allocated', 2, { evidence: 'budget validé' }),
      fact('money', 'none', 2, { evidence: 'pas de budget' }),
    ]);
    expect(sheet.contradictions.money).toEqual({ dimension: 'money', values: ['allocated', 'none'], evidence: ['budget validé', 'pas de budget'] });
  });

  it('repeating the same answer is not a contradiction', () => {
    const sheet = absorbTurns([fact('money', 'possible', 1)], [fact('money', 'possible', 2)]);
    expect(sheet.contradictions).toEqual({});
    expect(sheet.facts.money?.turn).toBe(2);
  });

  it('two answers worth the same points are not a contradiction (none vs below_minimum)', () => {
    const sheet = absorbTurns([fact('money', 'none', 1)], [fact('money', 'below_minimum', 2)]);
    expect(sheet.contradictions).toEqual({});
  });

  it('judges answers on their scored level: 2 months then 5 months is a contradiction', () => {
    const sheet = absorbTurns(
      [fact('prioritization', 'within_3_months', 1, { months: 2 })],
      [fact('prioritization', 'within_3_months', 2, { months: 5 })],
    );
    expect(sheet.contradictions.prioritization?.values).toEqual(['within_3_months', '3_to_6_months']);
  });

  it('changes on a weight-0 dimension never contradict', () => {
    const sheet = absorbTurns([fact('company', 'size_unknown', 1)], [fact('company', 'in_icp', 2, { headcount: 40 })]);
    expect(sheet.contradictions).toEqual({});
    expect(sheet.facts.company?.value).toBe('in_icp');
  });

  it('a fact flagged uncertain (extractors disagreed) is a contradiction on its own', () => {
    const sheet = absorbTurns([fact('authority', 'decision_maker', 1)], [fact('authority', 'influencer', 2, { uncertain: true, confidence: 0.5 })]);
    expect(sheet.contradictions.authority?.values).toEqual(['decision_maker', 'influencer']);
  });

  describe('low-confidence hints', () => {
    it('a weak hint after a clear answer does not contradict it, nor replace it', () => {
      const sheet = absorbTurns([fact('authority', 'decision_maker', 1)], [fact('authority', 'influencer', 3, { confidence: 0.4 })]);
      expect(sheet.contradictions).toEqual({});
      expect(sheet.facts.authority?.value).toBe('decision_maker');
      expect(decide(champ, { ...sheet, complete: true }).score).toBe(25);
    });

    it('a weak hint in the same message does not contradict a clear answer', () => {
      const sheet = absorbTurns([fact('money', 'allocated', 2), fact('money', 'possible', 2, { confidence: 0.3 })]);
      expect(sheet.contradictions).toEqual({});
      expect(sheet.facts.money?.value).toBe('allocated');
    });

    it('a clear answer after a weak hint replaces it without a contradiction', () => {
      const sheet = absorbTurns([fact('authority', 'no_role', 1, { confidence: 0.4 })], [fact('authority', 'decision_maker', 2)]);
      expect(sheet.contradictions).toEqual({});
      expect(sheet.facts.authority?.value).toBe('decision_maker');
    });

    it('a later weak hint replaces an earlier weak hint', () => {
      const sheet = absorbTurns([fact('authority', 'no_role', 1, { confidence: 0.5 })], [fact('authority', 'influencer', 2, { confidence: 0.4 })]);
      expect(sheet.contradictions).toEqual({});
      expect(sheet.facts.authority?.value).toBe('influencer');
    });
  });

  describe('details', () => {
    it('keeps headcount and sector when a later company answer does not repeat them', () => {
      const sheet = absorbTurns(
        [fact('company', 'in_icp', 1, { headcount: 40, sector: 'software' })],
        [fact('company', 'in_icp', 3, { evidence: 'une PME du logiciel' })],
      );
      expect(sheet.facts.company).toMatchObject({ value: 'in_icp', headcount: 40, sector: 'software', turn: 3, evidence: 'une PME du logiciel' });
    });

    it('a new headcount replaces the old one', () => {
      const sheet = absorbTurns([fact('company', 'in_icp', 1, { headcount: 40 })], [fact('company', 'in_icp', 2, { headcount: 60 })]);
      expect(sheet.facts.company?.headcount).toBe(60);
    });

    it('keeps the amount when the level is the same, drops it when the level changed', () => {
      const amount = { value: 5000, currency: 'EUR', period: 'year' as const };
      const same = absorbTurns([fact('money', 'allocated', 1, { amount })], [fact('money', 'allocated', 2)]);
      expect(same.facts.money?.amount).toEqual(amount);
      const changed = absorbTurns([fact('money', 'allocated', 1, { amount })], [fact('money', 'possible', 2)]);
      expect(changed.facts.money?.amount).toBeUndefined();
    });

    it('keeps the months when the level is the same', () => {
      const sheet = absorbTurns([fact('prioritization', 'within_3_months', 1, { months: 2 })], [fact('prioritization', 'within_3_months', 2)]);
      expect(sheet.facts.prioritization?.months).toBe(2);
    });
  });

  it('an answer clears the dimension from the unclear list', () => {
    const sheet = absorbFacts(champ, markUnclear(emptyFactSheet(), 'money'), [fact('money', 'possible', 4)]);
    expect(sheet.unclear).toEqual([]);
  });

  it('a contradiction across turns makes a complete lead ambiguous in the scorer', () => {
    const sheet = absorbTurns(
      [fact('challenge', 'clear_problem', 1)],
      [fact('authority', 'decision_maker', 2)],
      [fact('money', 'possible', 3)],
      [fact('authority', 'no_role', 4)],
    );
    const decision = decide(champ, { ...sheet, complete: true });
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 40 });
  });
});

describe('absorbKnockouts', () => {
  const student: KnockoutHit = { id: 'student', evidence: 'je suis étudiant', turn: 1, source: 'rules' };

  it('adds new hits and keeps the first evidence for a repeated id', () => {
    const once = absorbKnockouts(emptyFactSheet(), [student]);
    const twice = absorbKnockouts(once, [{ ...student, evidence: 'pour mon mémoire', turn: 2 }, { id: 'vendor', evidence: 'nous vendons', turn: 2, source: 'llm' }]);
    expect(twice.knockouts.map((k) => [k.id, k.evidence])).toEqual([
      ['student', 'je suis étudiant'],
      ['vendor', 'nous vendons'],
    ]);
    expect(once.knockouts).toHaveLength(1);
  });

  it('returns the same sheet when nothing is new', () => {
    const sheet = absorbKnockouts(emptyFactSheet(), [student]);
    expect(absorbKnockouts(sheet, [student])).toBe(sheet);
    expect(absorbKnockouts(sheet, [])).toBe(sheet);
  });
});

describe('markUnclear', () => {
  it('marks a dimension once, without mutating the sheet', () => {
    const empty = emptyFactSheet();
    const once = markUnclear(empty, 'money');
    expect(once.unclear).toEqual(['money']);
    expect(empty.unclear).toEqual([]);
    expect(markUnclear(once, 'money')).toBe(once);
  });

  it('does not mark a dimension that already has a fact', () => {
    const sheet = absorbTurns([fact('money', 'possible', 1)]);
    expect(markUnclear(sheet, 'money')).toBe(sheet);
  });
});

describe('absorbFacts: corrections in a later turn', () => {
  it('a later fact marked as a correction replaces the earlier one, with no contradiction', () => {
    const sheet = absorbTurns([fact('company', 'below_icp_size', 1, { headcount: 8, sector: 'logistics' })], [fact('company', 'in_icp', 2, { headcount: 80, correction: true })]);
    expect(sheet.contradictions).toEqual({});
    expect(sheet.facts.company).toMatchObject({ value: 'in_icp', headcount: 80, sector: 'logistics', turn: 2 });
  });

  it('a correction also settles a contradiction recorded before', () => {
    const sheet = absorbTurns([fact('money', 'allocated', 1)], [fact('money', 'none', 2)], [fact('money', 'possible', 3, { correction: true })]);
    expect(sheet.contradictions).toEqual({});
    expect(sheet.facts.money?.value).toBe('possible');
  });

  it('trap: a different later answer without a correction marker stays a contradiction', () => {
    const sheet = absorbTurns([fact('money', 'allocated', 1)], [fact('money', 'none', 2)]);
    expect(sheet.contradictions.money?.values.sort()).toEqual(['allocated', 'none']);
  });

  it('trap: two readings of the same message, one flagged, still contradict each other', () => {
    const sheet = absorbTurns([fact('money', 'allocated', 2, { correction: true }), fact('money', 'none', 2, { correction: true })]);
    expect(sheet.contradictions.money?.values.sort()).toEqual(['allocated', 'none']);
  });
});

describe('absorbFacts: a need read in an answer to another question', () => {
  it('a lower need said while another dimension was asked neither contradicts nor overrides', () => {
    const first = absorbFacts(champ, emptyFactSheet(), [fact('challenge', 'clear_problem', 1)], { askedDimension: 'challenge' });
    const sheet = absorbFacts(champ, first, [fact('challenge', 'vague_interest', 3, { confidence: 0.75 }), fact('authority', 'no_role', 3)], { askedDimension: 'authority' });
    expect(sheet.contradictions).toEqual({});
    expect(sheet.facts.challenge?.value).toBe('clear_problem');
    expect(sheet.facts.authority?.value).toBe('no_role');
  });

  it('traps: the same answer to the challenge question contradicts; a higher need from elsewhere still counts; other dimensions unchanged', () => {
    const first = absorbFacts(champ, emptyFactSheet(), [fact('challenge', 'clear_problem', 1), fact('money', 'allocated', 1)], { askedDimension: 'challenge' });
    const asked = absorbFacts(champ, first, [fact('challenge', 'vague_interest', 2)], { askedDimension: 'challenge' });
    expect(asked.contradictions.challenge?.values.sort()).toEqual(['clear_problem', 'vague_interest']);
    const vague = absorbFacts(champ, emptyFactSheet(), [fact('challenge', 'vague_interest', 1)], { askedDimension: 'challenge' });
    const higher = absorbFacts(champ, vague, [fact('challenge', 'clear_problem', 2, { confidence: 0.75 })], { askedDimension: 'money' });
    expect(higher.contradictions.challenge?.values.sort()).toEqual(['clear_problem', 'vague_interest']);
    const money = absorbFacts(champ, first, [fact('money', 'none', 3, { confidence: 0.75 })], { askedDimension: 'prioritization' });
    expect(money.contradictions.money?.values.sort()).toEqual(['allocated', 'none']);
  });

  it('without a context (direct calls) the merge is unchanged', () => {
    const sheet = absorbTurns([fact('challenge', 'clear_problem', 1)], [fact('challenge', 'vague_interest', 2)]);
    expect(sheet.contradictions.challenge?.values.sort()).toEqual(['clear_problem', 'vague_interest']);
  });
});
