import { CORRECTION_MARKERS } from '../lexicon/corrections.js';
import type { Span } from '../text/segments.js';
import { compileCues } from './cue.js';
import { matchCues } from './match-cues.js';
import { sentenceOf, type Reading } from './reading.js';

const MARKERS = compileCues(CORRECTION_MARKERS);

/** Where the visitor says they made a mistake ("sorry", "pardon", "typo", "scratch that"…). */
export function findCorrections(folded: string, segments: Reading['segments']): Span[] {
  return matchCues(MARKERS, folded, segments).map(({ start, end }) => ({ start, end }));
}

/**
 * Whether `later` corrects `earlier`: a correction marker after `earlier`, either before `later`
 * ("8 employees. Sorry, 80") or in the sentence of `later` ("2 000 € par mois, je me suis trompé").
 */
export function corrects(reading: Reading, earlier: Span, later: Span): boolean {
  if (later.start < earlier.end) return false;
  const sentence = sentenceOf(reading, later.start);
  return reading.corrections.some(
    (marker) => marker.start >= earlier.end && (marker.end <= later.start || (marker.start >= sentence.start && marker.start < sentence.end)),
  );
}

/** Drops every item a later item of the same list corrects: what the visitor means is the corrected value. */
export function withoutCorrected<T extends Span>(reading: Reading, items: readonly T[]): T[] {
  if (reading.corrections.length === 0 || items.length < 2) return [...items];
  return items.filter((item) => !items.some((other) => other !== item && corrects(reading, item, other)));
}
