import { NUMBER_WORD_RUN, NUMBER_WORDS } from '../lexicon/number-words.js';
import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import { parseNumberWords } from './number-words-parser.js';
import { numbersInWords } from './recognizers.js';

/** A number in the message, with the scale written after it ("40k", "1,5 M€", "2 millions"). */
export interface NumberToken {
  start: number;
  /** Exclusive end, after any scale suffix. */
  end: number;
  /** The value with its scale applied: "40k" → 40000. */
  value: number;
  /** 1000 for "40k", 1e6 for "1,5 M€", 1 when no scale was written. */
  scale: number;
  /** Currency implied by the suffix itself ("40 keur" → EUR). */
  currency?: string;
  kind: 'digits' | 'words' | 'article';
}

// "4 000", "5,000", "12.000", "1'000", "2 500,50", "1.5", "40".
const DIGITS = new PrefilteredRegExp(/(?<![a-z0-9.,])(\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)(?!\d|(?:st|nd|rd|th|er|eme|ieme|aine)(?![a-z]))/g);
const GROUPED = /^(\d{1,3}(?:[ .,']\d{3})+)(?:[.,](\d{1,2}))?$/;
const SCALES: readonly { pattern: RegExp; scale: number; currency?: string }[] = [
  { pattern: /^ ?(?:keur(?:os?)?|ke)(?![a-z])/, scale: 1e3, currency: 'EUR' },
  { pattern: /^ ?k(?![a-z])/, scale: 1e3 },
  { pattern: /^ ?(?:m|mn|mio)(?= ?(?:[€$£]|eur|euros?|usd|dollars?|chf|gbp|d'euros|de dollars)(?![a-z]))/, scale: 1e6 },
  { pattern: /^ ?(?:millions?|mio)(?![a-z])/, scale: 1e6 },
  { pattern: /^ ?(?:milliards?|billions?|bn)(?![a-z])/, scale: 1e9 },
  { pattern: /^ ?(?:mille|thousand|grand)(?![a-z])/, scale: 1e3 },
];
// Prefiltered: each phrase is looked for only in a message that has its words.
const WORDS = NUMBER_WORDS.map((word) => ({ ...word, pattern: new PrefilteredRegExp(new RegExp(`(?<![a-z0-9'])(?:${word.phrase})(?![a-z0-9])`, 'g')) }));
const WORD_RUN = new PrefilteredRegExp(NUMBER_WORD_RUN);

/**
 * Every number in the message: digits parsed here (both "4 000" and "4,000" styles), numbers in words
 * by the number-words parser, approximations ("une cinquantaine") from the lexicon. Sorted by position.
 * `folded` has e-mails and phone numbers blanked out, so they never become amounts or headcounts.
 */
export function findNumbers(folded: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const match of DIGITS.matchAll(folded)) {
    const start = match.index ?? 0;
    let end = start + match[0].length;
    let value = parseDigits(match[0]);
    let scale = 1;
    let currency: string | undefined;
    const after = folded.slice(end, end + 16);
    for (const candidate of SCALES) {
      const suffix = candidate.pattern.exec(after);
      if (!suffix) continue;
      scale = candidate.scale;
      currency = candidate.currency;
      value *= scale;
      end += suffix[0].length;
      break;
    }
    tokens.push({ start, end, value: round(value), scale, currency, kind: 'digits' });
  }

  const words: NumberToken[] = [];
  for (const word of WORDS) {
    word.pattern.regex.lastIndex = 0;
    for (const match of word.pattern.matchAll(folded)) {
      const start = match.index ?? 0;
      words.push({ start, end: start + match[0].length, value: word.value, scale: 1, kind: word.article ? 'article' : 'words' });
    }
  }
  // Each run of number words ("quarante mille", "thirty-five") is parsed in both languages at once.
  for (const run of WORD_RUN.matchAll(folded)) {
    const offset = run.index ?? 0;
    const parsed = parseNumberWords(run[0]);
    // What our small parser cannot read goes to Microsoft's number recognizer (both cultures).
    const numbers = parsed.length > 0 ? parsed : [...numbersInWords(run[0], 'fr'), ...numbersInWords(run[0], 'en')];
    for (const number of numbers.filter((found) => found.value !== 1)) {
      words.push({ start: offset + number.start, end: offset + number.end, value: number.value, scale: number.value >= 1000 ? 1000 : 1, kind: 'words' });
    }
  }
  const free = words.filter((word) => !tokens.some((token) => token.start < word.end && word.start < token.end));
  return [...tokens, ...longestFirst(free)].sort((a, b) => a.start - b.start);
}

function parseDigits(raw: string): number {
  const grouped = GROUPED.exec(raw);
  if (grouped) return Number((grouped[1] ?? '').replace(/[ .,']/g, '')) + (grouped[2] ? Number(`0.${grouped[2]}`) : 0);
  return Number(raw.replace(',', '.'));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function longestFirst(tokens: NumberToken[]): NumberToken[] {
  const kept: NumberToken[] = [];
  for (const token of [...tokens].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => other.start < token.end && token.start < other.end)) kept.push(token);
  }
  return kept;
}
