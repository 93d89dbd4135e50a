import { CORRECTION_MARKERS, EARLIER_ANSWER_CORRECTIONS } from '../lexicon/corrections.js';
import type { Span } from '../text/segments.js';
import { compileCues } from './cue.js';
import { matchCues } from './match-cues.js';
import { sentenceOf, type Reading } from './reading.js';

const MARKERS = compileCues(CORRECTION_MARKERS);
const EARLIER_ANSWER_MARKERS = compileCues(EARLIER_ANSWER_CORRECTIONS);

/** Where the visitor says they made a mistake ("sorry", "pardon", "typo", "scratch that"…). */
export function findCorrections(folded: string, segments: Reading['segments']): Span[] {
  return matchCues(MARKERS, { folded, segments }).map(({ start, end }) => ({ start, end }));
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

/** Where the visitor takes back an earlier answer ("sorry, I meant 80", "je voulais dire…"): see EARLIER_ANSWER_CORRECTIONS. */
export function findEarlierAnswerCorrections(folded: string, segments: Reading['segments']): Span[] {
  return matchCues(EARLIER_ANSWER_MARKERS, { folded, segments }).map(({ start, end }) => ({ start, end }));
}

/** Whether a finding at `span` is said as a correction of an earlier answer: a marker before it, or in its sentence. */
export function correctsEarlierAnswer(reading: Reading, markers: readonly Span[], span: Span): boolean {
  if (markers.length === 0) return false;
  const sentence = sentenceOf(reading, span.start);
  return markers.some((marker) => marker.end <= span.start || (marker.start >= sentence.start && marker.start < sentence.end));
}
