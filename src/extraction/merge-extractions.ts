import type { Dimension, Playbook } from '../playbook/schema.js';
import { kindOf } from '../dimensions/index.js';
import { effectiveLevel } from '../scoring/scorer.js';
import type { DisputedKnockout, Fact, KnockoutHit, LlmUsage } from '../qualification/types.js';
import type { Extraction } from './extractor.js';
import { rephraseTarget } from './llm/rephrase-target.js';

/** What the merge needs to re-check a rephrased question against the merged facts. */
export interface MergeContext {
  known?: Readonly<Record<string, Fact>>;
  askedDimension?: string;
}

/**
 * Merges the rules reading and the (already grounded) LLM reading of one message. Pure. Where they disagree on
 * what scores, neither vetoes the other: a person decides, with both readings.
 *
 * - Each reading is scored with its own numbers (amount, months, headcount); a number only one of them read fills
 *   the other's gap.
 * - Same level (as the scorer reads it) → one fact, source `merged`, max confidence, the rules' numbers.
 * - Levels that score differently (two readings of a headcount, an amount, a role…) → both facts, both
 *   `uncertain: true`: the fact sheet records a contradiction with both readings and the lead goes to a person.
 * - Levels that differ but score the same (e.g. two 0-point company levels) → the rules fact stands.
 * - LLM-only facts are kept (grounding already checked them). A knockout both saw is firm (`merged`); one only
 *   one of them saw is disputed (`disputedKnockouts`): the lead goes to a person, never silently disqualified or
 *   silently kept. A model that read nothing at all in the message (no fact, no knockout) has no opinion: the
 *   rules' knockouts stand; rules that could not read the message's language (`notRead`) have none either: the
 *   model's knockouts stand. Contact details: the rules' stand over the LLM's.
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

  const llmKnockouts = new Map(llm.knockouts.map((hit) => [hit.id, hit]));
  const rulesKnockouts = new Map(rules.knockouts.map((hit) => [hit.id, hit]));
  const modelRead = llm.facts.length > 0 || llm.knockouts.length > 0;
  // Rules that could not read the language have no opinion: the model's knockouts stand alone, undisputed.
  const agreed = rules.notRead ? llm.knockouts : modelRead ? rules.knockouts.filter((hit) => llmKnockouts.has(hit.id)).map((hit): KnockoutHit => ({ ...hit, source: 'merged' })) : rules.knockouts;
  const disputed: DisputedKnockout[] = !modelRead || rules.notRead ? [] : [
    ...rules.knockouts.filter((hit) => !llmKnockouts.has(hit.id)).map((hit) => dispute(hit, 'rules', 'llm')),
    ...llm.knockouts.filter((hit) => !rulesKnockouts.has(hit.id)).map((hit) => dispute(hit, 'llm', 'rules')),
  ];
  const merged: Extraction = {
    facts,
    knockouts: agreed,
    ...(disputed.length > 0 ? { disputedKnockouts: disputed } : {}),
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
  // Each reading keeps its own numbers; a number only the other one read fills a gap.
  const fromRules: Fact = { ...rulesFact, ...definedOnly(detailsOf(llmFact)), ...definedOnly(detailsOf(rulesFact)) };
  const fromLlm: Fact = { ...llmFact, ...definedOnly(detailsOf(rulesFact)), ...definedOnly(detailsOf(llmFact)) };
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
  // Same points and same knockout consequence (a headcount under the ICP disqualifies): no difference to a decision.
  const knocksOut = (levelId: string) => levelId === kindOf(dimension).knockoutLevel;
  if (points(rulesLevel) === points(llmLevel) && knocksOut(rulesLevel) === knocksOut(llmLevel)) return [fromRules];
  return [
    { ...fromRules, uncertain: true },
    { ...fromLlm, uncertain: true },
  ];
}

function detailsOf(fact: Fact): Pick<Fact, 'amount' | 'months' | 'headcount' | 'sector'> {
  return { amount: fact.amount, months: fact.months, headcount: fact.headcount, sector: fact.sector };
}

function dispute(hit: KnockoutHit, saw: 'rules' | 'llm', missed: 'rules' | 'llm'): DisputedKnockout {
  return { id: hit.id, readings: [{ source: saw, value: 'seen', evidence: hit.evidence }, { source: missed, value: 'not seen' }] };
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  const sum = { llmCalls: a.llmCalls + b.llmCalls, tokensIn: a.tokensIn + b.tokensIn, tokensOut: a.tokensOut + b.tokensOut };
  const cached = (a.tokensCached ?? 0) + (b.tokensCached ?? 0);
  return cached ? { ...sum, tokensCached: cached } : sum;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
