import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../src/extraction/detect-locale.js';
import { compileCues } from '../../src/extraction/rules/engine/cue.js';
import { cueFile } from '../../src/extraction/rules/engine/cue-file.js';
import { matchCues } from '../../src/extraction/rules/engine/match-cues.js';
import { indexWords } from '../../src/extraction/rules/engine/phrases.js';
import type { Reading } from '../../src/extraction/rules/engine/reading.js';
import { DURATION_UNITS, MONTHS, SEASONS, TIME_PHRASES, type TimeMeaning } from '../../src/extraction/rules/lexicon/timeline.js';
import { findNumbers } from '../../src/extraction/rules/numbers/find-numbers.js';
import { readDurations } from '../../src/extraction/rules/readers/duration-expressions.js';
import { monthsUntilNext, monthsUntilNextYear, monthsUntilQuarterEnd, monthsUntilYearEnd } from '../../src/extraction/rules/readers/time-arithmetic.js';
import { TimelineReader } from '../../src/extraction/rules/readers/timeline-reader.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { NOW } from './rules-table.js';

/**
 * The tables of language/timeline.yaml, row by row, through the timeline reader with a fixed clock (Friday
 * 15 May 2026, as in rules-table.ts), each sentence read as an answer to the timeline question:
 * - time_phrases: an example is matched by the row's own cue and read with the row's meaning (months from now,
 *   or "later": a finding without months); for an `ignore` row, the reader reads no date at all from it.
 *   A counterexample is not read with the row's meaning (for an `ignore` row: the row's cue does not match it).
 * - months / seasons: an example names the row's words and is read as the next 1st of the row's month; a
 *   counterexample is not. Seasonal rows are also read six months later for a visitor in the south (en-AU).
 * - duration_units: an example names the row's unit and is read by the duration reader (the one that uses the
 *   table, in an answer) as one of its numbers times the unit; a counterexample is not.
 * - The duration terms are also checked through the duration reader: start_prepositions' examples (some with
 *   duration_filler words) are read as a start outside an answer, where a preposition is needed, and its
 *   counterexamples are not; duration_not_start's examples are not read even in an answer, its counterexamples are.
 */

const FILE = cueFile('timeline');
const dimension = loadPlaybook('champ').dimensions.find((candidate) => candidate.kind === 'timeline')!;
const reader = new TimelineReader(dimension);

interface Row {
  examples?: string[];
  counterexamples?: string[];
}

function readingOf(sentence: string, region?: string): Reading {
  const folded = normalize(sentence);
  return {
    original: sentence,
    folded,
    segments: segment(folded),
    numbers: findNumbers(folded),
    locale: detectLocale(sentence) ?? 'fr',
    region,
    now: NOW,
    corrections: [],
    words: indexWords(folded),
    vocabulary: [],
  };
}

type Value = number | 'later';

/** What the reader reads from a sentence answering the timeline question: months, or "later" (no date). */
function read(sentence: string, region?: string): Value[] {
  return reader.read(readingOf(sentence, region), true).map((finding) => finding.months ?? 'later');
}

const same = (a: Value, b: Value) => (a === 'later' || b === 'later' ? a === b : Math.abs(a - b) < 0.01);
const includes = (values: Value[], expected: Value) => values.some((value) => same(value, expected));

function meaningOf(meaning: TimeMeaning): Value | undefined {
  switch (meaning.kind) {
    case 'months':
      return meaning.months;
    case 'later':
      return 'later';
    case 'month':
      return monthsUntilNext(NOW, meaning.month, meaning.day);
    case 'quarter-end':
      return monthsUntilQuarterEnd(NOW);
    case 'year-end':
      return monthsUntilYearEnd(NOW);
    case 'next-year':
      return monthsUntilNextYear(NOW, meaning.part);
    case 'ignore':
      return undefined;
  }
}

const words = (names: string) => new RegExp(`(?<![a-z0-9'])(?:${names})(?![a-z0-9])`);

interface Finding {
  row: string;
  sentence: string;
  problem: string;
}
const format = (findings: Finding[]) => findings.map((f) => `  ${f.row}: ${f.problem} — «${f.sentence}»`).join('\n');

function rows(table: string): Row[] {
  const found = FILE.tables[table];
  if (!found) throw new Error(`timeline.yaml: no table ${table}`);
  return found as Row[];
}

function specified(table: string): [string, Row, number][] {
  return rows(table).map((row, index) => [`${table}[${index}]`, row, index]);
}

describe('timeline.yaml tables: each row reads its examples and none of its counterexamples (15 May 2026)', () => {
  it.each(specified('time_phrases'))('%s', (where, row, index) => {
    const phrase = TIME_PHRASES[index]!;
    const cue = compileCues([{ level: 'row', fr: phrase.fr, en: phrase.en, ignoreNegation: true }]);
    const matched = (sentence: string) => {
      const folded = normalize(sentence);
      return matchCues(cue, { folded, segments: segment(folded) }).length > 0;
    };
    const expected = meaningOf(phrase.meaning);
    const findings: Finding[] = [];
    if (!row.examples?.length) findings.push({ row: where, sentence: '', problem: 'has no example' });
    if (!row.counterexamples?.length) findings.push({ row: where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of row.examples ?? []) {
      const values = read(sentence);
      if (!matched(sentence)) findings.push({ row: where, sentence, problem: 'example not matched by the row' });
      else if (expected === undefined ? values.length > 0 : !includes(values, expected)) findings.push({ row: where, sentence, problem: `example read as [${values.join(', ')}], not ${expected ?? 'nothing'}` });
    }
    for (const sentence of row.counterexamples ?? []) {
      if (expected === undefined ? matched(sentence) : includes(read(sentence), expected)) findings.push({ row: where, sentence, problem: `counterexample read as ${expected ?? 'hidden'}` });
    }
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });

  const calendar = (table: 'months' | 'seasons', entries: readonly { names: string; month: number; seasonal?: boolean }[]) =>
    it.each(specified(table))('%s', (where, row, index) => {
      const entry = entries[index]!;
      const expected = monthsUntilNext(NOW, entry.month);
      const south = monthsUntilNext(NOW, ((entry.month + 5) % 12) + 1);
      const findings: Finding[] = [];
      if (!row.examples?.length) findings.push({ row: where, sentence: '', problem: 'has no example' });
      if (!row.counterexamples?.length) findings.push({ row: where, sentence: '', problem: 'has no counterexample' });
      for (const sentence of row.examples ?? []) {
        const values = read(sentence);
        if (!words(entry.names).test(normalize(sentence))) findings.push({ row: where, sentence, problem: 'example does not name the row' });
        else if (!includes(values, expected)) findings.push({ row: where, sentence, problem: `example read as [${values.join(', ')}], not ${expected}` });
        if (entry.seasonal && !includes(read(sentence, 'AU'), south)) findings.push({ row: where, sentence, problem: `example read as [${read(sentence, 'AU').join(', ')}] in en-AU, not ${south}` });
      }
      for (const sentence of row.counterexamples ?? []) {
        if (includes(read(sentence), expected)) findings.push({ row: where, sentence, problem: `counterexample read as ${expected}` });
      }
      expect(findings, `\n${format(findings)}\n`).toEqual([]);
    });
  calendar('months', MONTHS);
  calendar('seasons', SEASONS);

  it.each(specified('duration_units'))('%s', (where, row, index) => {
    const unit = DURATION_UNITS[index]!;
    const expectedIn = (sentence: string) => readingOf(sentence).numbers.map((number) => Math.round(number.value * unit.months * 100) / 100);
    // The duration reader alone: in an answer where no table reads a date, the timeline reader falls back to
    // Microsoft's recognizer, which reads "a 6-month contract" as 6 months whatever the not-start words say.
    const read = (sentence: string) => readDurations(readingOf(sentence), true).map((candidate) => candidate.months ?? 'later');
    const findings: Finding[] = [];
    if (!row.examples?.length) findings.push({ row: where, sentence: '', problem: 'has no example' });
    if (!row.counterexamples?.length) findings.push({ row: where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of row.examples ?? []) {
      const values = read(sentence);
      if (!words(unit.names).test(normalize(sentence))) findings.push({ row: where, sentence, problem: 'example does not name the unit' });
      else if (!expectedIn(sentence).some((expected) => includes(values, expected))) findings.push({ row: where, sentence, problem: `example read as [${values.join(', ')}], not [${expectedIn(sentence).join(', ')}]` });
    }
    for (const sentence of row.counterexamples ?? []) {
      const values = read(sentence);
      if (expectedIn(sentence).some((expected) => includes(values, expected))) findings.push({ row: where, sentence, problem: `counterexample read as [${values.join(', ')}]` });
    }
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });
});

describe('timeline.yaml duration terms, through the duration reader', () => {
  const durations = (sentence: string, asked: boolean) => readDurations(readingOf(sentence), asked);
  const examples = (key: string) => FILE.terms[key]?.examples ?? [];
  const counterexamples = (key: string) => FILE.terms[key]?.counterexamples ?? [];

  it.each(examples('start_prepositions'))('a start, even outside an answer: %s', (sentence) => {
    expect(durations(sentence, false)).not.toEqual([]);
  });
  it.each(counterexamples('start_prepositions'))('no start outside an answer: %s', (sentence) => {
    expect(durations(sentence, false)).toEqual([]);
  });
  it.each(examples('duration_not_start'))('not a start, even in an answer: %s', (sentence) => {
    expect(durations(sentence, true)).toEqual([]);
  });
  it.each(counterexamples('duration_not_start'))('a start: %s', (sentence) => {
    expect(durations(sentence, true)).not.toEqual([]);
  });
  it.each(examples('unit_adjectives'))('a word between the number and its unit keeps the duration: %s', (sentence) => {
    expect(durations(sentence, true).map((candidate) => candidate.months)).toEqual([expect.any(Number)]);
  });
  it.each([
    ['dans les deux prochains mois', 2],
    ['au cours des 3 prochaines semaines', 0.75],
  ] as const)('"%s" is %s months away', (sentence, months) => {
    expect(durations(sentence, false).map((candidate) => candidate.months)).toEqual([months]);
  });
  it.each(['Our retainer starts at 4,000 a month', '500 € un mois', 'They pay $300 a month'])('a span right after an amount is a rate, not a delay: %s', (sentence) => {
    expect(durations(sentence, true)).toEqual([]);
  });
});
