import type { Dimension, Playbook } from '../playbook/schema.js';
import { effectiveLevel } from '../scoring/scorer.js';
import type { Fact, LlmUsage } from '../qualification/types.js';
import type { Extraction } from './extractor.js';
import { rephraseTarget } from './llm/rephrase-target.js';

/** What the merge needs to re-check a rephrased question against the merged facts. */
export interface MergeContext {
  known?: Readonly<Record<string, Fact>>;
  askedDimension?: string;
}

/**
 * Merges the rules reading and the (already grounded) LLM reading of one message. Pure.
 *
 * - Numbers the rules recognised (amount, months, headcount) stand; the LLM only fills gaps.
 * - Same level (as the scorer reads it, numbers included) → one fact, source `merged`, max confidence.
 * - Levels that score differently → both facts, both `uncertain: true`: the fact sheet records a
 *   contradiction and the lead goes to a person instead of being scored on a guess.
 * - Levels that differ but score the same (e.g. two 0-point company levels) → the rules fact stands.
 * - LLM-only facts and knockouts are kept (grounding already checked them); rules knockouts and
 *   contact details stand over the LLM's.
 */
export function mergeExtractions(playbook: Playbook, rules: Extraction, llm: Extraction & { rephrasedFor?: string }, context: MergeContext = {}): Extraction {
  const llmByDimension = new Map(llm.facts.map((fact) => [fact.dimension, fact]));
  const lastRulesIndex = new Map(rules.facts.map((fact, index) => [fact.dimension, index]));
  const facts: Fact[] = [];
  rules.facts.forEach((rulesFact, index) => {
    const llmFact = llmByDimension.get(rulesFact.dimension);
    const dimension = playbook.dimensions.find((d) => d.id === rulesFact.dimension);
    // Only the latest rules reading of a dimension is compared; earlier ones pass through as they are.
    if (!llmFact || !dimension || lastRulesIndex.get(rulesFact.dimension) !== index) {
      facts.push(rulesFact);
      return;
    }
    facts.push(...mergeFacts(playbook, dimension, rulesFact, llmFact));
  });
  const rulesDimensions = new Set(rules.facts.map((fact) => fact.dimension));
  facts.push(...llm.facts.filter((fact) => !rulesDimensions.has(fact.dimension)));

  const rulesKnockouts = new Set(rules.knockouts.map((hit) => hit.id));
  const merged: Extraction = {
    facts,
    knockouts: [...rules.knockouts, ...llm.knockouts.filter((hit) => !rulesKnockouts.has(hit.id))],
    contact: { ...llm.contact, ...definedOnly(rules.contact) },
    usage: addUsage(rules.usage, llm.usage),
    extractor: 'llm+rules',
  };
  const target = rephraseTarget(playbook, context.known ?? {}, facts, context.askedDimension);
  if (llm.rephrasedQuestion && llm.rephrasedFor !== undefined && llm.rephrasedFor === target) {
    merged.rephrasedQuestion = llm.rephrasedQuestion;
  }
  return merged;
}

function mergeFacts(playbook: Playbook, dimension: Dimension, rulesFact: Fact, llmFact: Fact): Fact[] {
  const details = definedOnly({
    amount: rulesFact.amount ?? llmFact.amount,
    months: rulesFact.months ?? llmFact.months,
    headcount: rulesFact.headcount ?? llmFact.headcount,
    sector: rulesFact.sector ?? llmFact.sector,
  });
  const fromRules: Fact = { ...rulesFact, ...details };
  const fromLlm: Fact = { ...llmFact, ...details };
  const rulesLevel = effectiveLevel(playbook, dimension, fromRules).levelId;
  const llmLevel = effectiveLevel(playbook, dimension, fromLlm).levelId;
  if (rulesLevel === llmLevel) {
    return [
      {
        ...fromRules,
        value: rulesFact.value === llmFact.value ? rulesFact.value : rulesLevel,
        confidence: Math.max(rulesFact.confidence, llmFact.confidence),
        source: 'merged',
      },
    ];
  }
  const points = (levelId: string) => dimension.levels.find((level) => level.id === levelId)?.points ?? 0;
  if (points(rulesLevel) === points(llmLevel)) return [fromRules];
  return [
    { ...fromRules, uncertain: true },
    { ...fromLlm, uncertain: true },
  ];
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return { llmCalls: a.llmCalls + b.llmCalls, tokensIn: a.tokensIn + b.tokensIn, tokensOut: a.tokensOut + b.tokensOut };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
