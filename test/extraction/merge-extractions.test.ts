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

  it('rules amount stands over an LLM amount, and then decides whether they agree', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('money', 'allocated', { amount: EUR(2000) })] }),
      extraction({ facts: [llmFact('money', 'below_minimum', { amount: EUR(20000) })] }),
    );
    // With the rules' 2,000 €/year, both read below_minimum: they agree.
    expect(merged.facts).toHaveLength(1);
    expect(merged.facts[0]).toMatchObject({ source: 'merged', value: 'below_minimum', amount: EUR(2000) });
  });

  it('an LLM amount fills a gap the rules left', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('money', 'allocated')] }),
      extraction({ facts: [llmFact('money', 'allocated', { amount: EUR(40000) })] }),
    );
    expect(merged.facts).toEqual([{ ...ruleFact('money', 'allocated'), amount: EUR(40000), source: 'merged' }]);
  });

  it('rules months and headcount stand over the LLM ones', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ facts: [ruleFact('prioritization', 'within_3_months', { months: 2 }), ruleFact('company', 'in_icp', { headcount: 40 })] }),
      extraction({ facts: [llmFact('prioritization', 'within_3_months', { months: 5 }), llmFact('company', 'in_icp', { headcount: 400, sector: 'industry' })] }),
    );
    expect(merged.facts.map((fact) => [fact.dimension, fact.months, fact.headcount, fact.sector, fact.source])).toEqual([
      ['prioritization', 2, undefined, undefined, 'merged'],
      ['company', undefined, 40, 'industry', 'merged'],
    ]);
  });

  it('rules knockout stands when the LLM says nothing; an LLM-only knockout is added; duplicates are not', () => {
    const merged = mergeExtractions(
      playbook,
      extraction({ knockouts: [ruleKnockout('student', 'je suis étudiant')] }),
      extraction({ knockouts: [{ id: 'student', evidence: 'étudiant', turn: 1, source: 'llm' }, { id: 'job_seeker', evidence: 'je cherche un stage', turn: 1, source: 'llm' }] }),
    );
    expect(merged.knockouts).toEqual([ruleKnockout('student', 'je suis étudiant'), { id: 'job_seeker', evidence: 'je cherche un stage', turn: 1, source: 'llm' }]);
    const sheet = absorbKnockouts(emptyFactSheet(), merged.knockouts);
    expect(decide(playbook, { ...sheet, complete: false }).route).toBe('disqualify');

    const silent = mergeExtractions(playbook, extraction({ knockouts: [ruleKnockout('vendor', 'nous sommes une agence')] }), extraction({}));
    expect(silent.knockouts).toEqual([ruleKnockout('vendor', 'nous sommes une agence')]);
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
