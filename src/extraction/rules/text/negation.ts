import type { Span } from './segments.js';

// Negators that reach a few words ahead: "je ne suis pas le décideur", "I'm not really the one who decides".
const FAR_NEGATOR =
  /^(?:ne|n'\w*|pas|not|never|jamais|aucun|aucune|sans|without|ni|nor|nobody|nothing|nothing's|nobody's|rien|\w+n't|dont|doesnt|didnt|cant|cannot|wont|isnt|arent|wasnt|havent|hasnt|wouldnt|couldnt|shouldnt|hardly|barely)$/;
// Negators that only bind to the next word: "no budget", but not "No, I'm the CEO".
const NEAR_NEGATOR = /^(?:no|non|zero|none)$/;
// French negation after the verb, without "ne": "je décide pas", "je valide rien", "c'est validé pas encore".
const AFTER_NEGATOR = /^\s*(?:pas|jamais|point|(?:de )?rien)\b/;

const WINDOW_WORDS = 4;
const DETERMINER_START = /^(?:the|my|our|le|la|les|l'|mon|ma|mes|notre|nos|c'est|it's)\b/;

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

/** True when the matched words already contain a negation (the cue means the negative reading). */
export function carriesNegation(matched: string): boolean {
  return matched
    .split(/[^a-z0-9']+/)
    .filter(Boolean)
    .some((word) => FAR_NEGATOR.test(word) || NEAR_NEGATOR.test(word));
}
