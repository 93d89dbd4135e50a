import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/extraction/extractor.js';
import { mergeExtractions } from '../../src/extraction/merge-extractions.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { absorbFacts, absorbKnockouts, emptyFactSheet } from '../../src/qualification/fact-sheet.js';
import type { Fact } from '../../src/qualification/types.js';
import { decide } from '../../src/scoring/scorer.js';
import { ruleFact, ruleKnockout } from '../fakes/scripted-extractor.js';

const playbook = loadPlaybook('champ');

function extraction(partial: Partial<Extraction> & { rephrasedFor?: string }): Extraction & { rephrasedFor?: string } {
  return { facts: [], knockouts: [], contact: {}, usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 }, extractor: 'x', ...partial };
}

function llmFact(dimension: string, value: string, extra: Partial<Fact> = {}): Fact {
  return { dimension, value, evidence: extra.evidence ?? `llm ${value}`, confidence: 0.8, source: 'llm', turn: 1, ...extra };
}

const EUR = (value: number, period: 'once' | 'month' | 'year' = 'year') => ({ value, currency: 'EUR', period });

describe('mergeExtractions table', () => {
  it('agree → one fact, source merged, max confidence, rules evidence', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('authority', 'decision_maker', { confidence: 0.7, evidence: 'je décide' })] }),
      extraction({ facts: [llmFact('authority', 'decision_maker', { confidence: 0.95 })] }),
    );
    expect(merged.facts).toEqual([{ ...ruleFact('authority', 'decision_maker', { evidence: 'je décide' }), confidence: 0.95, source: 'merged' }]);
    expect(merged.extractor).toBe('llm+rules');
  });

  it('disagree on levels that score differently → both kept, both uncertain', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('authority', 'decision_maker')] }),
      extraction({ facts: [llmFact('authority', 'influencer')] }),
    );
    expect(merged.facts.map((fact) => [fact.value, fact.source, fact.uncertain])).toEqual([
      ['decision_maker', 'rules', true],
      ['influencer', 'llm', true],
    ]);
  });

  it('the fact sheet turns that disagreement into a contradiction, and a complete lead goes to a person', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('authority', 'decision_maker'), ruleFact('challenge', 'clear_problem'), ruleFact('prioritization', 'within_3_months')] }),
      extraction({ facts: [llmFact('authority', 'no_role'), llmFact('challenge', 'clear_problem'), llmFact('money', 'possible')] }),
    );
    const sheet = absorbFacts(playbook, emptyFactSheet(), merged.facts);
    expect(sheet.contradictions.authority?.values).toEqual(['decision_maker', 'no_role']);
    const decision = decide(playbook, { ...sheet, complete: true });
    expect(decision.route).toBe('handoff');
    expect(decision.handoffReason).toBe('ambiguous');
  });

  it('levels that differ but score the same → the rules fact stands, no uncertainty', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('company', 'size_unknown', { sector: 'software' })] }),
      extraction({ facts: [llmFact('company', 'in_icp')] }),
    );
    expect(merged.facts).toEqual([ruleFact('company', 'size_unknown', { sector: 'software' })]);
  });

  it('reads each amount with its own figure: two amounts that score differently are two uncertain readings', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('money', 'allocated', { amount: EUR(2000) })] }),
      extraction({ facts: [llmFact('money', 'below_minimum', { amount: EUR(20000) })] }),
    );
    // The rules' 2,000 €/year is below the minimum, the model's 20,000 meets it: a person decides, with both.
    expect(merged.facts.map((fact) => [fact.source, fact.amount?.value, fact.uncertain])).toEqual([
      ['rules', 2000, true],
      ['llm', 20000, true],
    ]);
    const sheet = absorbFacts(playbook, emptyFactSheet(), merged.facts);
    expect(sheet.contradictions.money?.readings).toEqual([
      { source: 'rules', value: 'below_minimum', evidence: 'allocated' },
      { source: 'llm', value: 'allocated', evidence: 'llm below_minimum' },
    ]);
  });

  it('two amounts that score the same are one merged fact with the rules figure', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('money', 'allocated', { amount: EUR(20000) })] }),
      extraction({ facts: [llmFact('money', 'allocated', { amount: EUR(24000) })] }),
    );
    expect(merged.facts).toHaveLength(1);
    expect(merged.facts[0]).toMatchObject({ source: 'merged', value: 'allocated', amount: EUR(20000) });
  });

  it('an LLM amount fills a gap the rules left', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('money', 'allocated')] }),
      extraction({ facts: [llmFact('money', 'allocated', { amount: EUR(40000) })] }),
    );
    expect(merged.facts).toEqual([{ ...ruleFact('money', 'allocated'), amount: EUR(40000), source: 'merged' }]);
  });

  it('months and headcounts in the same band merge (rules figures); in different bands they are disputed', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('prioritization', 'within_3_months', { months: 2 }), ruleFact('company', 'in_icp', { headcount: 40 })] }),
      extraction({ facts: [llmFact('prioritization', 'within_3_months', { months: 3 }), llmFact('company', 'in_icp', { headcount: 400, sector: 'industry' })] }),
    );
    expect(merged.facts.map((fact) => [fact.dimension, fact.months, fact.headcount, fact.sector, fact.source])).toEqual([
      ['prioritization', 2, undefined, undefined, 'merged'],
      ['company', undefined, 40, 'industry', 'merged'],
    ]);
    // "Our two-person IT team…": the rules read 2 employees (below the ICP), the model 600. Neither vetoes.
    const disputed = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('company', 'below_icp_size', { headcount: 2 })] }),
      extraction({ facts: [llmFact('company', 'in_icp', { headcount: 600 })] }),
    );
    expect(disputed.facts.map((fact) => [fact.source, fact.headcount, fact.uncertain])).toEqual([
      ['rules', 2, true],
      ['llm', 600, true],
    ]);
  });

  it('a knockout both saw is firm; one only one of them saw is disputed, with both readings; a silent model has no opinion', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ knockouts: [ruleKnockout('student', 'je suis étudiant'), ruleKnockout('vendor', 'nous sommes une agence')] }),
      extraction({ knockouts: [{ id: 'student', evidence: 'étudiant', turn: 1, source: 'llm' }, { id: 'job_seeker', evidence: 'je cherche un stage', turn: 1, source: 'llm' }] }),
    );
    expect(merged.knockouts).toEqual([{ ...ruleKnockout('student', 'je suis étudiant'), source: 'merged' }]);
    expect(merged.disputedKnockouts).toEqual([
      { id: 'vendor', readings: [{ source: 'rules', value: 'seen', evidence: 'nous sommes une agence' }, { source: 'llm', value: 'not seen' }] },
      { id: 'job_seeker', readings: [{ source: 'llm', value: 'seen', evidence: 'je cherche un stage' }, { source: 'rules', value: 'not seen' }] },
    ]);
    const sheet = absorbKnockouts(emptyFactSheet(), merged.knockouts, merged.disputedKnockouts);
    expect(decide(playbook, { ...sheet, complete: false }).route).toBe('disqualify');

    // A model that read nothing in the message (no fact, no knockout) does not dispute the rules.
    const silent = mergeExtractions(playbook, extraction({ knockouts: [ruleKnockout('vendor', 'nous sommes une agence')] }), extraction({}));
    expect(silent.knockouts).toEqual([ruleKnockout('vendor', 'nous sommes une agence')]);
    expect(silent.disputedKnockouts).toBeUndefined();
  });

  it('a disputed knockout sends a complete lead to a person (ambiguous), never disqualifies it, and firms up once both see it', () => {
    const merged = mergeExtractions(playbook, extraction({ knockouts: [ruleKnockout('student', 'mon mémoire')] }), extraction({ facts: [llmFact('challenge', 'clear_problem')] }));
    let sheet = absorbKnockouts(emptyFactSheet(), merged.knockouts, merged.disputedKnockouts);
    const decision = decide(playbook, { ...sheet, complete: true });
    expect(decision.route).toBe('handoff');
    expect(decision.handoffReason).toBe('ambiguous');
    expect(decision.reasons.find((reason) => reason.rule === 'ambiguous:disputed-knockout')).toMatchObject({ evidence: 'mon mémoire' });
    expect(decide(playbook, { ...sheet, complete: false }).route).toBe('nurture');
    // Later the model also reads it (the rules do not, this time): both have seen it, it is a knockout.
    const later = mergeExtractions(playbook, extraction({ facts: [ruleFact('money', 'none')] }), extraction({ knockouts: [{ id: 'student', evidence: 'pour mon école', turn: 2, source: 'llm' }] }));
    sheet = absorbKnockouts(sheet, later.knockouts, later.disputedKnockouts);
    expect(sheet.disputedKnockouts).toBeUndefined();
    expect(decide(playbook, { ...sheet, complete: true }).route).toBe('disqualify');
  });

  it('keeps LLM-only facts and rules-only facts', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('challenge', 'clear_problem')] }),
      extraction({ facts: [llmFact('authority', 'influencer')] }),
    );
    expect(merged.facts.map((fact) => [fact.dimension, fact.source])).toEqual([
      ['challenge', 'rules'],
      ['authority', 'llm'],
    ]);
  });

  it('rules contact details stand, the LLM fills the rest; usage is summed', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ contact: { email: 'a@acme.test' }, usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 } }),
      extraction({ contact: { email: 'b@acme.test', name: 'Ana' }, usage: { llmCalls: 2, tokensIn: 900, tokensOut: 80 } }),
    );
    expect(merged.contact).toEqual({ email: 'a@acme.test', name: 'Ana' });
    expect(merged.usage).toEqual({ llmCalls: 2, tokensIn: 900, tokensOut: 80 });
  });

  it('keeps a rephrasing only when it still targets the next open dimension after the merge', () => {
    const llm = extraction({ facts: [llmFact('challenge', 'clear_problem')], rephrasedQuestion: 'Got it! Tell me about your company?', rephrasedFor: 'company' });
    const kept = mergeExtractions(playbook, extraction({}), llm, { askedDimension: 'challenge' });
    expect(kept.rephrasedQuestion).toBe('Got it! Tell me about your company?');
    // The rules also read the company from this message: the dialog will ask authority next, not company.
    const stale = mergeExtractions(playbook, extraction({ facts: [ruleFact('company', 'in_icp', { headcount: 40 })] }), llm, { askedDimension: 'challenge' });
    expect(stale.rephrasedQuestion).toBeUndefined();
  });
});
