import { NUMBER_WORD_VALUES } from '../lexicon/number-words.js';

/** A number written in words, with its span in the text it was read from. */
export interface WordNumber {
  start: number;
  /** Exclusive end. */
  end: number;
  value: number;
}

const TOKEN = /[a-z]+/g;
const JOINERS = new Set(['et', 'and']);

/**
 * Reads cardinal numbers written in French or English words, as in a run of number words found by
 * NUMBER_WORD_RUN (folded text): "quarante mille" → 40 000, "quatre-vingt-dix" → 90, "soixante et onze" → 71,
 * "two hundred and fifty" → 250, "a dozen" is read elsewhere (approximations). Pure and instant, unlike a
 * general recognizer: the rules extractor needs no warm-up for it.
 */
export function parseNumberWords(run: string): WordNumber[] {
  const found: WordNumber[] = [];
  let total = 0;
  let current = 0;
  let start = -1;
  let end = -1;
  let previous: number | undefined;
  const flush = () => {
    if (start >= 0 && total + current > 0) found.push({ start, end, value: total + current });
    total = 0;
    current = 0;
    start = -1;
    previous = undefined;
  };
  for (const match of run.matchAll(TOKEN)) {
    const word = match[0];
    const at = match.index ?? 0;
    // "et"/"and" only join parts of one number ("vingt et un", "two hundred and five").
    if (JOINERS.has(word)) continue;
    const value = NUMBER_WORD_VALUES[word];
    if (value === undefined) {
      flush();
      continue;
    }
    if (startsNewNumber(previous, value, current)) flush();
    if (start < 0) start = at;
    end = at + word.length;
    if (value === 100) {
      current = (current === 0 ? 1 : current) * 100;
    } else if (value >= 1000) {
      total += (current === 0 ? 1 : current) * value;
      current = 0;
    } else if (value === 20 && previous === 4 && current % 100 === 4) {
      // "quatre-vingt(s)": 4 × 20.
      current += 76;
    } else {
      current += value;
    }
    previous = value;
  }
  flush();
  return found;
}

/**
 * Whether a word below 100 begins another number ("deux trois" are two numbers). A unit completes a ten
 * ("twenty five", "dix-huit", "soixante-dix-sept"), a teen completes 60 or 80 ("soixante-douze",
 * "quatre-vingt-onze"), anything completes a multiplier ("cent deux", "two hundred fifty").
 */
function startsNewNumber(previous: number | undefined, value: number, current: number): boolean {
  if (previous === undefined || value >= 100) return false;
  const lastTwo = current % 100;
  if (lastTwo === 0) return false;
  if (value === 20 && previous === 4) return false;
  if (value < 10) return lastTwo % 10 !== 0;
  if (value < 20) return !(lastTwo === 60 || lastTwo === 80);
  return true;
}
