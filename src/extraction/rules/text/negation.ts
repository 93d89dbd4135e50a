import { term } from '../engine/cue-file.js';
import type { Span } from './segments.js';

// The word lists live in language/negation.yaml; the anchors and the logic stay here.
// Negators that reach a few words ahead: "je ne suis pas le décideur", "I'm not really the one who decides".
const FAR_NEGATOR = new RegExp(`^${term('negation', 'far_negator')}$`);
// Negators that only bind to the next word: "no budget", but not "No, I'm the CEO".
const NEAR_NEGATOR = new RegExp(`^${term('negation', 'near_negator')}$`);
// French negation after the verb, without "ne": "je décide pas", "je valide rien", "c'est validé pas encore".
const AFTER_NEGATOR = new RegExp(String.raw`^\s*${term('negation', 'after_negator')}\b`);

const WINDOW_WORDS = 4;
const DETERMINER_START = new RegExp(String.raw`^${term('negation', 'determiner_start')}\b`);

/**
 * Whether the words just before [start, end) — inside its clause — negate it.
 * Cues that carry their own negation ("pas de budget") are never re-checked: see `carriesNegation`.
 */
export function isNegated(folded: string, clause: Span, start: number, end: number): boolean {
  const before = folded.slice(clause.start, start);
  const words = before.split(/[^a-z0-9']+/).filter(Boolean).slice(-WINDOW_WORDS);
  const last = words.length - 1;
  // "no" binds to a noun ("no budget"), not to a noun phrase that starts with its own article ("no, the board decides").
  const nearApplies = !DETERMINER_START.test(folded.slice(start, end));
  const negatedBefore = words.some((word, index) => FAR_NEGATOR.test(word) || (nearApplies && index === last && NEAR_NEGATOR.test(word)));
  if (negatedBefore) return true;
  return AFTER_NEGATOR.test(folded.slice(end, clause.end));
}

/**
 * Whether the phrase at [start, …) is itself denied: a negator right before it, or before "de" / "any" / "a"
 * ("no other vendors", "pas de bulletin", "aucun SOC", "not any agency"). A negated verb before a determiner
 * does not deny its object: "je ne trouve pas mon bulletin de paie" still speaks of a payslip.
 */
export function isDeniedRightBefore(folded: string, clause: Span, start: number, end = start): boolean {
  // A phrase that starts with its own determiner ("mon bulletin", "my payslip") is not denied by the verb's negation.
  if (DETERMINER_START.test(folded.slice(start, end))) return false;
  const words = folded
    .slice(clause.start, start)
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
  const negates = (word: string | undefined) => word !== undefined && (FAR_NEGATOR.test(word) || NEAR_NEGATOR.test(word));
  const last = words[words.length - 1];
  if (negates(last)) return true;
  const negator = words[words.length - 2];
  if (last === undefined || !negates(negator)) return false;
  // Folded, French "à" is English "a": "je n'arrive pas à télécharger…" is an inability, "not a" a denial.
  return FRENCH_NEGATOR.test(negator!) ? FRENCH_PARTITIVE.test(last) : ENGLISH_PARTITIVE.test(last);
}

// "pas de", "pas d'", "aucun", "not any", "not a": the negation reaches the noun that follows.
const FRENCH_NEGATOR = /^(?:pas|plus|jamais|aucun|aucune|rien|ni|sans|zero)$/;
const FRENCH_PARTITIVE = /^(?:de|d'|d|un|une)$/;
const ENGLISH_PARTITIVE = /^(?:of|any|a|an|single)$/;

/** True when the matched words already contain a negation (the cue means the negative reading). */
export function carriesNegation(matched: string): boolean {
  return matched
    .split(/[^a-z0-9']+/)
    .filter(Boolean)
    .some((word) => FAR_NEGATOR.test(word) || NEAR_NEGATOR.test(word));
}
