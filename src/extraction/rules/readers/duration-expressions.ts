import { expand } from '../engine/cue.js';
import type { Reading } from '../engine/reading.js';
import { DURATION_FILLER, DURATION_NOT_START, DURATION_UNITS, START_PREPOSITIONS, UNIT_ADJECTIVES } from '../lexicon/timeline.js';
import { plainCandidate, type TimeCandidate } from './time-candidate.js';

// Durations read as a start: a preposition before ("dans", "within"), no past or contract words around.
// "deux prochains mois": a word such as "prochains" may stand between the number and its unit.
const BETWEEN = `(?:(?:${expand(UNIT_ADJECTIVES)}) )?`;
const UNIT_RES = DURATION_UNITS.map((unit) => ({ months: unit.months, regex: new RegExp(`^ ?${BETWEEN}(?:${unit.names})(?![a-z])`) }));
const START_BEFORE = new RegExp(`(?:^|[^a-z'])${expand(START_PREPOSITIONS)} ${expand(DURATION_FILLER)}$`);
const PAST_BEFORE = /(?:depuis|il y a|pendant|durant|sur|for|over|de|d'|since|last|past|derniers?|dernieres?|the last|the past|en|of)\s*(?:(?:environ|about|around|plus de|more than|les|the)\s+)*$/;
const NOT_START_AFTER = new RegExp(`^ ?${BETWEEN}(?:${DURATION_UNITS.map((u) => u.names).join('|')})(?![a-z])[- ]?(?:${DURATION_NOT_START})(?![a-z])`);
// An amount just before: a number, maybe a currency or a scale ("$4,000", "4 000 €", "40k").
const AMOUNT_BEFORE = /\d(?:[\d.,  ]*\d)?\s*(?:[€$£]|k|m|eur|euros?|dollars?|pounds?|livres?)?\s*$/;
const RANGE_BEFORE = /(?:\d+(?:[.,]\d+)?|[a-z]+) ?(?:a|à|-|to|ou|or|et|and) ?$/;

/** "sous trois mois", "within 6 weeks", "dans 3 à 6 mois" (the upper bound), "6 mois" as an answer. */
export function readDurations(reading: Reading, asked: boolean): TimeCandidate[] {
  const { folded } = reading;
  const found: TimeCandidate[] = [];
  for (const token of reading.numbers) {
    const after = folded.slice(token.end, token.end + 40);
    const unit = UNIT_RES.find((entry) => entry.regex.test(after));
    if (!unit) continue;
    if (NOT_START_AFTER.test(after)) continue;
    // "4 000 € a month", "500 un mois": an article right after an amount makes a rate, not a delay.
    if (token.kind === 'article' && followsAnAmount(folded, token.start)) continue;
    const unitEnd = token.end + (unit.regex.exec(after)?.[0].length ?? 0);
    let before = folded.slice(Math.max(0, token.start - 48), token.start);
    let start = token.start;
    const range = RANGE_BEFORE.exec(before);
    if (range && reading.numbers.some((other) => other.end <= token.start && other.start >= token.start - range[0].length)) {
      start = token.start - range[0].length;
      before = folded.slice(Math.max(0, start - 48), start);
    }
    const preposition = START_BEFORE.exec(before);
    if (preposition) start -= preposition[0].replace(/^[^a-z']/, '').length;
    // Without a preposition, only a bare answer to the timeline question counts ("6 mois").
    else if (!asked || token.kind === 'article' || PAST_BEFORE.test(before)) continue;
    found.push(plainCandidate(start, unitEnd, Math.round(token.value * unit.months * 100) / 100));
  }
  // The first number of a range has no unit of its own ("3 à 6 mois"): it is read with the second.
  return found;
}

/** "4 000 € a month", "$500 per month": a time span right after an amount is its rate, not a delay. */
export function followsAnAmount(folded: string, start: number): boolean {
  return AMOUNT_BEFORE.test(folded.slice(Math.max(0, start - 24), start));
}
