import type { Amount, Locale } from '../../../qualification/types.js';
import type { NumberToken } from '../numbers/find-numbers.js';
import type { PhraseHit, WordIndex } from './phrases.js';
import { covering, spanAt, type Segments, type Span } from '../text/segments.js';

/** One visitor message prepared once for every reader. */
export interface Reading {
  /** The visitor's words, untouched: evidence is cut from here. */
  original: string;
  /** Folded (see normalize) with e-mails, phone numbers, URLs and injected JSON/markup blanked out. */
  folded: string;
  segments: Segments;
  numbers: NumberToken[];
  locale: Locale;
  /** The visitor's region from their locale tag ("AU" for en-AU), when known: seasons follow the hemisphere. */
  region?: string;
  now: Date;
  /** Where the visitor takes back what they said ("sorry, 80", "pardon", "scratch that"): see corrections.ts. */
  corrections: Span[];
  /** The words of `folded` with their stems, for the playbook's phrases (phrases.ts). */
  words: WordIndex;
  /** The playbook's vocabulary said in the message (vocabulary.ts). */
  vocabulary: PhraseHit[];
  /** `folded` with the vocabulary marked, letter for letter, for the cues that name a slot; undefined when none was said. */
  marked?: string;
}

/** What a reader found for one dimension: a level, where it was said, and any detail. */
export interface Finding {
  level: string;
  start: number;
  end: number;
  /** A hint: lower confidence. */
  weak?: boolean;
  /** Overrides the usual confidence (short answers). */
  confidence?: number;
  amount?: Amount;
  months?: number;
  headcount?: number;
  sector?: string;
}

export function sentenceOf(reading: Reading, at: number): Span {
  return spanAt(reading.segments.sentences, at) ?? { start: 0, end: reading.folded.length };
}

export function clauseOf(reading: Reading, at: number): Span {
  return spanAt(reading.segments.clauses, at) ?? sentenceOf(reading, at);
}

export function textOf(reading: Reading, span: Span): string {
  return reading.folded.slice(span.start, span.end);
}

/** The sentence(s) around [start, end), folded. */
export function sentenceText(reading: Reading, start: number, end = start + 1): string {
  return textOf(reading, covering(reading.segments.sentences, start, end));
}
