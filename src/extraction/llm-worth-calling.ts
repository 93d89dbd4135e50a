import type { Playbook } from '../playbook/schema.js';
import type { Extraction, ExtractionInput } from './extractor.js';
import { findNumbers } from './rules/numbers/find-numbers.js';
import { normalize } from './rules/text/normalize.js';

/** Up to this many words, an answer the rules read explicitly has nothing left for a model to find. */
const SHORT_ANSWER_WORDS = 8;
/** The rules' confidence for an explicit (not hedged, not weak) answer to the question asked. */
const EXPLICIT = 0.9;

/**
 * Whether the message is a short answer to the question just asked that the rules alone may settle: a few words, no
 * number (a headcount, amount or delay is where a misreading costs most: the model reads it too, and when the two
 * readings differ a person decides), not the company answer (its sector and what it is — "University of Leeds" —
 * may be a knockout the rules miss). Cheap, so it is known before anything is read.
 */
export function mayNotNeedModel(playbook: Playbook, input: ExtractionInput): boolean {
  const asked = playbook.dimensions.find((dimension) => dimension.id === input.askedDimension);
  if (!asked || asked.kind === 'company') return false;
  if (input.text.trim().split(/\s+/).length > SHORT_ANSWER_WORDS) return false;
  // The engine's own number finder: digits, number words, "une dizaine", "a few", "un mois".
  return findNumbers(normalize(input.text)).length === 0;
}

/**
 * After the rules read such a short answer: the model is skipped when they read the question's answer explicitly
 * ("I'm the CEO", "as soon as possible", "being discussed") and saw no knockout; it would repeat them at the cost of a
 * call. Anything unread, hedged or carrying a knockout still goes to the model, which may see what the rules missed.
 */
export function rulesSettled(input: ExtractionInput, rules: Extraction): boolean {
  if (rules.knockouts.length > 0) return false;
  const answer = rules.facts.find((fact) => fact.dimension === input.askedDimension);
  return answer !== undefined && answer.confidence >= EXPLICIT;
}
