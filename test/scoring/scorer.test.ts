import { describe, expect, it } from 'vitest';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/loader.js';
import type { Playbook } from '../../src/playbook/schema.js';
import { decide, type ScoringInput } from '../../src/scoring/scorer.js';
import type { Amount, Decision, Fact, KnockoutHit } from '../../src/qualification/types.js';

const champ = loadPlaybook('champ');
const bant = loadPlaybook('bant');

function fact(dimension: string, value: string, extra: Partial<Fact> = {}): Fact {
  return { dimension, value, evidence: `words about ${dimension}: ${value}`, confidence: 0.9, source: 'rules', turn: 1, ...extra };
}

function input(facts: Fact[], extra: Partial<ScoringInput> = {}): ScoringInput {
  return {
    facts: Object.fromEntries(facts.map((f) => [f.dimension, f])),
    contradictions: {},
    unclear: [],
    knockouts: [],
    complete: true,
    ...extra,
  };
}

/** The same playbook with one level's points changed: proves thresholds with scores the shipped levels cannot reach. */
function withPoints(playbook: Playbook, dimensionId: string, levelId: string, points: number): Playbook {
  const copy = structuredClone(playbook);
  const level = copy.dimensions.find((d) => d.id === dimensionId)!.levels.find((l) => l.id === levelId)!;
  level.points = points;
  return parsePlaybook(copy, `variant ${dimensionId}.${levelId}=${points}`);
}

function reasonFor(decision: Decision, dimension: string) {
  return decision.reasons.find((r) => r.dimension === dimension && !r.rule.startsWith('ambiguous'));
}

/** A lead at 100 points on champ. */
const perfect = [
  fact('challenge', 'clear_problem'),
  fact('company', 'in_icp', { headcount: 40 }),
  fact('authority', 'decision_maker'),
  fact('money', 'allocated'),
  fact('prioritization', 'within_3_months'),
];

describe('decide: each level of each dimension gives its policy points (champ)', () => {
  const table: Array<[dimension: string, level: string | undefined, points: number]> = [
    ['challenge', 'clear_problem', 25],
    ['challenge', 'vague_interest', 10],
    ['challenge', 'none', 0],
    ['challenge', undefined, 0],
    ['authority', 'decision_maker', 25],
    ['authority', 'influencer', 15],
    ['authority', 'no_role', 5],
    ['authority', undefined, 0],
    ['money', 'allocated', 25],
    ['money', 'possible', 15],
    ['money', 'none', 0],
    ['money', 'below_minimum', 0],
    ['money', undefined, 0],
    ['prioritization', 'within_3_months', 25],
    ['prioritization', '3_to_6_months', 10],
    ['prioritization', 'later', 0],
    ['prioritization', undefined, 0],
    ['company', 'in_icp', 0],
    ['company', 'size_unknown', 0],
  ];
  for (const [dimension, level, points] of table) {
    it(`${dimension} ${level ?? '(unknown)'} → ${points}`, () => {
      const decision = decide(champ, input(level ? [fact(dimension, level)] : []));
      expect(decision.score).toBe(points);
      const reason = reasonFor(decision, dimension)!;
      expect(reason.points).toBe(points);
      expect(reason.rule).toBe(`${dimension}:${level ?? 'unknown'}`);
      if (level) expect(reason.evidence).toBe(`words about ${dimension}: ${level}`);
      else expect(reason.detail).toBe('not answered');
    });
  }

  it('sums all dimensions: a perfect lead scores 100', () => {
    const decision = decide(champ, input(perfect));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 100, tier: 'hot', complete: true });
    expect(decision.knockouts).toEqual([]);
  });

  it('an unknown level id scores 0 and says so', () => {
    const decision = decide(champ, input([fact('authority', 'intern')]));
    expect(decision.score).toBe(0);
    expect(reasonFor(decision, 'authority')?.detail).toContain('unknown level intern');
  });
});

describe('decide: score boundaries', () => {
  // 3_to_6_months at 9 points (and no_role at 4) give the odd totals the shipped levels cannot reach.
  const nine = withPoints(champ, 'prioritization', '3_to_6_months', 9);
  const table: Array<{ name: string; playbook: Playbook; facts: Fact[]; score: number; route: string; reason?: string; tier: string }> = [
    {
      name: '70 → handoff high_score',
      playbook: champ,
      facts: [fact('challenge', 'vague_interest'), fact('authority', 'decision_maker'), fact('money', 'allocated'), fact('prioritization', '3_to_6_months')],
      score: 70,
      route: 'handoff',
      reason: 'high_score',
      tier: 'hot',
    },
    {
      name: '69 → nurture warm',
      playbook: nine,
      facts: [fact('challenge', 'vague_interest'), fact('authority', 'decision_maker'), fact('money', 'allocated'), fact('prioritization', '3_to_6_months')],
      score: 69,
      route: 'nurture',
      tier: 'warm',
    },
    {
      name: '40 → nurture warm',
      playbook: champ,
      facts: [fact('challenge', 'clear_problem'), fact('authority', 'influencer')],
      score: 40,
      route: 'nurture',
      tier: 'warm',
    },
    {
      name: '39 → nurture cold',
      playbook: nine,
      facts: [fact('challenge', 'clear_problem'), fact('authority', 'no_role'), fact('prioritization', '3_to_6_months')],
      score: 39,
      route: 'nurture',
      tier: 'cold',
    },
    { name: '0 → nurture cold', playbook: champ, facts: [], score: 0, route: 'nurture', tier: 'cold' },
  ];
  for (const row of table) {
    it(row.name, () => {
      const decision = decide(row.playbook, input(row.facts));
      expect(decision.score).toBe(row.score);
      expect(decision.route).toBe(row.route);
      expect(decision.handoffReason).toBe(row.reason);
      expect(decision.tier).toBe(row.tier);
    });
  }
});

describe('decide: amounts against minimumYearlyAmount (3000 EUR/year on champ)', () => {
  const amount = (value: number, currency: string, period: Amount['period']): Amount => ({ value, currency, period });
  const table: Array<[name: string, value: string, amount: Amount, points: number, level: string]> = [
    ['250 EUR/month = 3000/year, exactly the minimum, lifts "none"', 'none', amount(250, 'EUR', 'month'), 25, 'allocated'],
    ['249 EUR/month = 2988/year is below the minimum', 'allocated', amount(249, 'EUR', 'month'), 0, 'below_minimum'],
    ['3000 EUR/year exactly at the minimum', 'allocated', amount(3000, 'EUR', 'year'), 25, 'allocated'],
    ['2999 EUR/year just below', 'allocated', amount(2999, 'EUR', 'year'), 0, 'below_minimum'],
    ['a one-off 5000 EUR lifts an extractor "below_minimum"', 'below_minimum', amount(5000, 'EUR', 'once'), 25, 'allocated'],
    ['3000 USD/year = 2760 EUR is below', 'allocated', amount(3000, 'USD', 'year'), 0, 'below_minimum'],
    ['3300 USD/year = 3036 EUR meets it', 'none', amount(3300, 'USD', 'year'), 25, 'allocated'],
    ['200 GBP/month = 2808 EUR/year is below', 'allocated', amount(200, 'GBP', 'month'), 0, 'below_minimum'],
    ['250 GBP/month = 3510 EUR/year meets it', 'below_minimum', amount(250, 'GBP', 'month'), 25, 'allocated'],
    ['an unknown currency is ignored (allocated stays allocated)', 'allocated', amount(10, 'XYZ', 'year'), 25, 'allocated'],
    ['an unknown currency is ignored (none stays none)', 'none', amount(1_000_000, 'XYZ', 'year'), 0, 'none'],
    ['an unknown currency is ignored (possible stays possible)', 'possible', amount(100, 'XYZ', 'month'), 15, 'possible'],
    ['a possible budget below the minimum scores 0', 'possible', amount(100, 'EUR', 'month'), 0, 'below_minimum'],
  ];
  for (const [name, value, money, points, level] of table) {
    it(name, () => {
      const decision = decide(champ, input([fact('money', value, { amount: money })]));
      const reason = reasonFor(decision, 'money')!;
      expect(reason.points).toBe(points);
      expect(reason.rule).toBe(`money:${level}`);
      expect(decision.score).toBe(points);
    });
  }

  it('explains a below-minimum amount with the yearly value and the minimum', () => {
    const decision = decide(champ, input([fact('money', 'allocated', { amount: amount(100, 'EUR', 'month'), evidence: '100 € par mois' })]));
    const reason = reasonFor(decision, 'money')!;
    expect(reason.detail).toContain('1,200 EUR/year is below the minimum 3,000 EUR');
    expect(reason.evidence).toBe('100 € par mois');
  });
});

describe('decide: timeline months mapped by the playbook bands', () => {
  const table: Array<[months: number, value: string, points: number, level: string]> = [
    [0.5, 'later', 25, 'within_3_months'],
    [3, 'later', 25, 'within_3_months'],
    [3.5, 'within_3_months', 10, '3_to_6_months'],
    [6, 'within_3_months', 10, '3_to_6_months'],
    [7, 'within_3_months', 0, 'later'],
    [24, '3_to_6_months', 0, 'later'],
  ];
  for (const [months, value, points, level] of table) {
    it(`${months} month(s) → ${points} (${level}), whatever level the extractor guessed`, () => {
      const decision = decide(champ, input([fact('prioritization', value, { months })]));
      const reason = reasonFor(decision, 'prioritization')!;
      expect(reason.points).toBe(points);
      expect(reason.rule).toBe(`prioritization:${level}`);
      expect(reason.detail).toContain(`start in about ${months} month(s)`);
    });
  }
});

describe('decide: knockouts', () => {
  it('a headcount below the ICP minimum is the below_icp_size knockout', () => {
    const facts = [...perfect.filter((f) => f.dimension !== 'company'), fact('company', 'in_icp', { headcount: 4, evidence: 'on est 4' })];
    const decision = decide(champ, input(facts));
    expect(decision).toMatchObject({ route: 'disqualify', tier: 'disqualified', score: 100 });
    expect(decision.knockouts).toEqual([{ id: 'below_icp_size', evidence: 'on est 4', turn: 1, source: 'rules' }]);
    expect(decision.reasons).toContainEqual(expect.objectContaining({ rule: 'knockout:below_icp_size', evidence: 'on est 4' }));
  });

  it('exactly the ICP minimum headcount is in the ICP', () => {
    const facts = [...perfect.filter((f) => f.dimension !== 'company'), fact('company', 'below_icp_size', { headcount: 10 })];
    const decision = decide(champ, input(facts));
    expect(decision.route).toBe('handoff');
    expect(reasonFor(decision, 'company')?.rule).toBe('company:in_icp');
  });

  it('a below_icp_size answer without a headcount (quick reply) is the knockout too', () => {
    const facts = [...perfect.filter((f) => f.dimension !== 'company'), fact('company', 'below_icp_size', { source: 'quick-reply' })];
    const decision = decide(champ, input(facts));
    expect(decision.route).toBe('disqualify');
    expect(decision.knockouts.map((k) => k.id)).toEqual(['below_icp_size']);
  });

  for (const id of ['student', 'job_seeker', 'vendor', 'no_need', 'below_icp_size']) {
    it(`${id} overrides a 100-point lead, even from an unfinished conversation`, () => {
      const hit: KnockoutHit = { id, evidence: `evidence for ${id}`, turn: 2, source: 'rules' };
      for (const complete of [true, false]) {
        const decision = decide(champ, input(perfect, { knockouts: [hit], complete }));
        expect(decision).toMatchObject({ route: 'disqualify', tier: 'disqualified', score: 100, complete });
        expect(decision.handoffReason).toBeUndefined();
        expect(decision.knockouts).toEqual([hit]);
        const reason = decision.reasons.find((r) => r.rule === `knockout:${id}`)!;
        expect(reason.evidence).toBe(`evidence for ${id}`);
        expect(reason.detail).toBe(champ.knockouts.find((k) => k.id === id)!.description);
      }
    });
  }

  it('a knockout id the playbook does not define is ignored', () => {
    const decision = decide(champ, input(perfect, { knockouts: [{ id: 'astrologer', evidence: 'x', turn: 1, source: 'llm' }] }));
    expect(decision.route).toBe('handoff');
    expect(decision.knockouts).toEqual([]);
  });
});

describe('decide: contradictions', () => {
  const contradiction = {
    authority: { dimension: 'authority', values: ['decision_maker', 'influencer'], evidence: ['je décide', 'mon patron valide'] },
  };

  it('a contradicted dimension counts 0 and makes a complete lead ambiguous', () => {
    // 25 + 0 (authority contradicted) + 15 + 10 = 50: not high, so the contradiction decides.
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('money', 'possible'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { contradictions: contradiction }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 50, tier: 'warm' });
    const scored = reasonFor(decision, 'authority')!;
    expect(scored).toMatchObject({ rule: 'authority:contradictory', points: 0, evidence: 'je décide … mon patron valide' });
    expect(scored.detail).toContain('decision_maker vs influencer');
    expect(decision.reasons).toContainEqual(
      expect.objectContaining({ rule: 'ambiguous:contradiction', dimension: 'authority', evidence: 'je décide … mon patron valide' }),
    );
  });

  it('a contradiction makes even a cold lead ambiguous', () => {
    const decision = decide(champ, input([fact('authority', 'decision_maker')], { contradictions: contradiction }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 0, tier: 'cold' });
  });

  it('a lead at or above 70 without the contradicted dimension is simply high_score', () => {
    const decision = decide(champ, input(perfect, { contradictions: contradiction }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 75 });
    expect(decision.reasons.some((r) => r.rule.startsWith('ambiguous'))).toBe(false);
  });

  it('an abandoned conversation with a contradiction is nurtured, never ambiguous', () => {
    const decision = decide(champ, input([fact('challenge', 'clear_problem'), fact('authority', 'decision_maker')], { contradictions: contradiction, complete: false }));
    expect(decision).toMatchObject({ route: 'nurture', score: 25, tier: 'cold', complete: false });
    expect(decision.handoffReason).toBeUndefined();
  });

  it('a playbook that turns the contradiction trigger off nurtures instead (data, not code)', () => {
    const calm = parsePlaybook({ ...structuredClone(champ), ambiguity: { contradictions: false, unclearCouldReachThreshold: true } });
    const decision = decide(calm, input([fact('challenge', 'clear_problem')], { contradictions: contradiction }));
    expect(decision.route).toBe('nurture');
    expect(reasonFor(decision, 'authority')?.points).toBe(0);
  });
});

describe('decide: unclear dimensions', () => {
  it('an unclear dimension whose maximum would reach 70 makes the lead ambiguous', () => {
    // 25 + 25 + 10 = 60; money unclear could add 25 → 85.
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { unclear: ['money'] }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 60, tier: 'warm' });
    expect(reasonFor(decision, 'money')?.detail).toBe('still unclear after one clarification');
    const reason = decision.reasons.find((r) => r.rule === 'ambiguous:unclear-could-qualify')!;
    expect(reason.dimension).toBe('money');
    expect(reason.detail).toContain('85');
  });

  it('exactly reaching 70 at its maximum is enough (45 + 25)', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'no_role'), fact('money', 'possible')];
    const decision = decide(champ, input(facts, { unclear: ['prioritization'] }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 45 });
  });

  it('reaching only 69 at its maximum is not (44 + 25)', () => {
    const four = withPoints(champ, 'authority', 'no_role', 4);
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'no_role'), fact('money', 'possible')];
    const decision = decide(four, input(facts, { unclear: ['prioritization'] }));
    expect(decision).toMatchObject({ route: 'nurture', score: 44, tier: 'warm' });
  });

  it('an unclear dimension that could not reach 70 leaves the lead in nurture', () => {
    // 10 + 15 + 10 = 35; money at most 25 → 60.
    const facts = [fact('challenge', 'vague_interest'), fact('authority', 'influencer'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { unclear: ['money'] }));
    expect(decision).toMatchObject({ route: 'nurture', score: 35, tier: 'cold' });
    expect(decision.reasons.some((r) => r.rule.startsWith('ambiguous'))).toBe(false);
  });

  it('an unclear weight-0 dimension never makes a lead ambiguous', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('money', 'possible')];
    const decision = decide(champ, input(facts, { unclear: ['company'] }));
    expect(decision).toMatchObject({ route: 'nurture', score: 65 });
  });

  it('abandonment with an unclear dimension that could qualify is nurtured, never ambiguous', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { unclear: ['money'], complete: false }));
    expect(decision).toMatchObject({ route: 'nurture', score: 60, tier: 'warm', complete: false });
  });
});

describe('decide: abandonment is routed on what is known', () => {
  it('a visitor who left after three strong answers is still a high-score handoff', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('money', 'allocated')];
    const decision = decide(champ, input(facts, { complete: false }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 75, complete: false });
  });

  it('a visitor who left early with little said is nurtured', () => {
    const decision = decide(champ, input([fact('challenge', 'vague_interest')], { complete: false }));
    expect(decision).toMatchObject({ route: 'nurture', score: 10, tier: 'cold', complete: false });
  });
});

describe('decide: engagement context never changes the route', () => {
  const engaged = { pageUrl: 'https://prospekt.example/tarifs', pagesViewed: 42, webinarsAttended: 5, downloads: 9, visitedPricing: true };
  const table: Array<[name: string, facts: Fact[], extra: Partial<ScoringInput>]> = [
    ['a warm lead', [fact('challenge', 'clear_problem'), fact('authority', 'decision_maker'), fact('money', 'possible')], {}],
    ['a cold lead', [fact('challenge', 'vague_interest')], {}],
    ['a knocked-out lead', perfect, { knockouts: [{ id: 'vendor', evidence: 'we sell leads', turn: 1, source: 'rules' }] }],
  ];
  for (const [name, facts, extra] of table) {
    it(name, () => {
      const plain = input(facts, extra);
      const withContext = { ...plain, context: engaged, pageContext: engaged } as ScoringInput;
      expect(decide(champ, withContext)).toEqual(decide(champ, plain));
    });
  }
});

describe('decide: purity and explanations', () => {
  it('does not mutate its input and gives the same answer twice', () => {
    const sheet = input(perfect, { knockouts: [{ id: 'student', evidence: 'je suis étudiant', turn: 1, source: 'rules' }] });
    const before = structuredClone(sheet);
    const first = decide(champ, sheet);
    expect(sheet).toEqual(before);
    expect(decide(champ, sheet)).toEqual(first);
  });

  it('gives one reason per dimension, in playbook order, each with the rule, the points and the evidence', () => {
    const decision = decide(champ, input(perfect));
    expect(decision.reasons.map((r) => r.rule)).toEqual([
      'challenge:clear_problem',
      'company:in_icp',
      'authority:decision_maker',
      'money:allocated',
      'prioritization:within_3_months',
    ]);
    for (const reason of decision.reasons) {
      expect(reason.evidence).toBe(`words about ${reason.dimension}: ${reason.rule.split(':')[1]}`);
      expect(reason.detail.length).toBeGreaterThan(0);
    }
    expect(decision.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(decision.score);
    expect(reasonFor(decision, 'company')?.detail).toContain('40 employee(s)');
  });
});

describe('decide: the BANT playbook scores the same facts with its own weights', () => {
  /** The same answers, under each framework's dimension ids. */
  const answers = (ids: { need: string; budget: string; timing: string }, levels: { need: string; authority: string; budget: string; timing: string }) => [
    fact(ids.need, levels.need),
    fact('authority', levels.authority),
    fact(ids.budget, levels.budget),
    fact(ids.timing, levels.timing),
    fact('company', 'in_icp', { headcount: 30 }),
  ];
  const champIds = { need: 'challenge', budget: 'money', timing: 'prioritization' };
  const bantIds = { need: 'need', budget: 'budget', timing: 'timing' };

  it('an approved budget weighs more in BANT: 65 nurture on champ, 70 handoff on bant', () => {
    const levels = { need: 'clear_problem', authority: 'influencer', budget: 'allocated', timing: 'later' };
    const onChamp = decide(champ, input(answers(champIds, levels)));
    const onBant = decide(bant, input(answers(bantIds, levels)));
    expect(onChamp).toMatchObject({ route: 'nurture', score: 65, tier: 'warm' });
    expect(onBant).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 70, tier: 'hot' });
    expect(reasonFor(onBant, 'budget')).toMatchObject({ rule: 'budget:allocated', points: 30 });
  });

  it('urgency weighs less in BANT: 75 on champ, 70 on bant', () => {
    const levels = { need: 'clear_problem', authority: 'decision_maker', budget: 'none', timing: 'within_3_months' };
    expect(decide(champ, input(answers(champIds, levels))).score).toBe(75);
    expect(decide(bant, input(answers(bantIds, levels))).score).toBe(70);
  });

  it('a perfect lead still scores 100 on bant, and its knockouts and amounts work the same way', () => {
    const levels = { need: 'clear_problem', authority: 'decision_maker', budget: 'allocated', timing: 'within_3_months' };
    expect(decide(bant, input(answers(bantIds, levels))).score).toBe(100);
    const small = [fact('budget', 'allocated', { amount: { value: 100, currency: 'EUR', period: 'month' } }), fact('company', 'in_icp', { headcount: 3 })];
    const decision = decide(bant, input(small));
    expect(decision.route).toBe('disqualify');
    expect(reasonFor(decision, 'budget')).toMatchObject({ rule: 'budget:below_minimum', points: 0 });
  });

  it('an unclear budget on bant can add 30, so 40 known points are already ambiguous', () => {
    // 25 + 15 = 40; budget max 30 → 70 on bant. On champ the same answers (money max 25) reach only 65.
    const bantFacts = [fact('need', 'clear_problem'), fact('authority', 'influencer')];
    const champFacts = [fact('challenge', 'clear_problem'), fact('authority', 'influencer')];
    expect(decide(bant, input(bantFacts, { unclear: ['budget'] }))).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 40 });
    expect(decide(champ, input(champFacts, { unclear: ['money'] }))).toMatchObject({ route: 'nurture', score: 40 });
  });
});

describe('decide: several unclear dimensions together', () => {
  it('two unclear dimensions that could reach 70 only together make the lead ambiguous (35 + 25 + 25)', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { unclear: ['authority', 'money'] }));
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous', score: 35 });
    const reasons = decision.reasons.filter((r) => r.rule === 'ambiguous:unclear-could-qualify');
    expect(reasons.map((r) => r.dimension).sort()).toEqual(['authority', 'money']);
    expect(reasons[0]?.detail).toContain('85');
  });

  it('trap: together still below 70 stays nurture (10 + 0 + 25 + 25 = 60)', () => {
    const facts = [fact('challenge', 'vague_interest'), fact('prioritization', 'later')];
    const decision = decide(champ, input(facts, { unclear: ['authority', 'money'] }));
    expect(decision).toMatchObject({ route: 'nurture', score: 10 });
    expect(decision.reasons.some((r) => r.rule.startsWith('ambiguous'))).toBe(false);
  });

  it('trap: a visitor who left early is never ambiguous, however many answers are unclear', () => {
    const facts = [fact('challenge', 'clear_problem'), fact('prioritization', '3_to_6_months')];
    const decision = decide(champ, input(facts, { unclear: ['authority', 'money'], complete: false }));
    expect(decision.route).toBe('nurture');
  });
});
