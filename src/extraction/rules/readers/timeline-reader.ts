import type { Dimension } from '../../../playbook/schema.js';
import { timelineLevelFor } from '../../../playbook/queries.js';
import { withoutCorrected } from '../engine/corrections.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import { longestFirst, matchCues, type CueMatch } from '../engine/match-cues.js';
import { clauseOf, sentenceOf, textOf, type Finding, type Reading } from '../engine/reading.js';
import { DATE_WORDS, NOT_START_CONTEXT, RESULTS_CONTEXT, START_CONTEXT, TIME_PHRASES, type TimeMeaning } from '../lexicon/timeline.js';
import { datesIn } from '../numbers/recognizers.js';
import { readCalendarDates } from './calendar-expressions.js';
import { followsAnAmount, readDurations } from './duration-expressions.js';
import { monthsUntil, monthsUntilNext, monthsUntilNextYear, monthsUntilQuarterEnd, monthsUntilYearEnd } from './time-arithmetic.js';
import { plainCandidate, type TimeCandidate } from './time-candidate.js';

// One cue per time phrase; its level is the phrase's index in TIME_PHRASES.
const PHRASE_CUES = TIME_PHRASES.map((phrase, index) => ({ level: String(index), fr: phrase.fr, en: phrase.en, ignoreNegation: true }));
// Tested on clauses and sentences, prefiltered on the whole message (what a part contains, the whole does).
const STARTING = new PrefilteredRegExp(START_CONTEXT);
const NOT_STARTING = new PrefilteredRegExp(NOT_START_CONTEXT);

/**
 * Timeline / prioritization: months from now, then the playbook band (`timelineLevelFor`). Phrases
 * (lexicon), durations ("sous trois mois"), month names, seasons, quarters, half-years, dates in figures
 * and years are all read from tables (no recognizer to warm up). Outside an answer to the timeline
 * question, a date counts only next to a start verb ("on veut démarrer en mars") or when it is plainly
 * about starting ("dès que possible").
 */
export class TimelineReader {
  private readonly phrases: Cue[];

  constructor(
    private readonly dimension: Dimension,
    private readonly extra: readonly Cue[] = [],
  ) {
    this.phrases = compileCues(PHRASE_CUES);
  }

  read(reading: Reading, asked: boolean): Finding[] {
    const candidates = this.candidates(reading, asked);
    // "In two weeks. My bad, two months": the corrected date, even when both fall in the same band.
    const kept = withoutCorrected(
      reading,
      candidates.filter((candidate) => !candidate.ignore && this.counts(reading, candidate, asked)),
    );
    const strong = kept.filter((candidate) => !candidate.weak);
    let pool = strong.length > 0 ? strong : kept;
    if (pool.some((candidate) => !candidate.deadline)) pool = pool.filter((candidate) => !candidate.deadline);
    const findings: Finding[] = [];
    for (const candidate of pool) {
      const level = candidate.level ?? (candidate.months !== undefined ? timelineLevelFor(this.dimension, candidate.months)?.id : timelineLevelFor(this.dimension, Number.POSITIVE_INFINITY)?.id);
      if (!level) continue;
      const same = findings.find((finding) => finding.level === level);
      const finding: Finding = { level, start: candidate.start, end: candidate.end, months: candidate.months, weak: candidate.weak };
      // "Pas tout de suite, plutôt l'an prochain": one answer; keep the words that carry a date.
      if (same) {
        if (same.months === undefined && finding.months !== undefined) findings[findings.indexOf(same)] = finding;
        continue;
      }
      if (findings.length < 2) findings.push(finding);
    }
    return findings;
  }

  private candidates(reading: Reading, asked: boolean): TimeCandidate[] {
    const { folded, now } = reading;
    const found: TimeCandidate[] = [];
    const phraseMatches = matchCues(this.phrases, reading);
    for (const match of phraseMatches) {
      const phrase = TIME_PHRASES[Number(match.level)];
      if (!phrase) continue;
      found.push({ ...base(match), ...resolve(phrase.meaning, now), weak: phrase.weak ?? false, standalone: phrase.standalone ?? false, anchored: phrase.anchored ?? false });
    }
    for (const match of matchCues(this.extra, reading)) found.push({ ...base(match), level: match.level });
    found.push(...readDurations(reading, asked), ...readCalendarDates(reading));
    const resolved = resolveOverlaps(found);
    if (!resolved.some((candidate) => !candidate.ignore) && (asked || STARTING.test(folded)) && mayHoldADate(reading)) resolved.push(...this.recognized(reading));
    return resolved;
  }

  /** Fallback: Microsoft's date and duration recognizer, for what the tables above do not know. */
  private recognized(reading: Reading): TimeCandidate[] {
    const found: TimeCandidate[] = [];
    for (const date of datesIn(reading.original, reading.locale, reading.now)) {
      if (/\b(?:depuis|since|ago|il y a|last|dernier)\b/.test(reading.folded.slice(Math.max(0, date.start - 16), date.end + 6))) continue;
      if (followsAnAmount(reading.folded, date.start)) continue;
      const months = monthsOf(date.typeName, date.values, reading.now, reading.locale);
      if (months === undefined) continue;
      found.push(plainCandidate(date.start, date.end, months));
    }
    return found;
  }

  private counts(reading: Reading, candidate: TimeCandidate, asked: boolean): boolean {
    const clause = textOf(reading, clauseOf(reading, candidate.start));
    const sentence = textOf(reading, sentenceOf(reading, candidate.start));
    const starting = STARTING.test(sentence, reading.folded);
    if (NOT_STARTING.test(clause, reading.folded) && !STARTING.test(clause, reading.folded)) return false;
    // "Il nous faut des commandes pour l'an prochain": when they want results, not when they start.
    if (reading.marked && RESULTS_CONTEXT.test(textOf({ ...reading, folded: reading.marked }, clauseOf(reading, candidate.start))) && !STARTING.test(clause, reading.folded) && !candidate.standalone) return false;
    if (candidate.anchored) return starting;
    // "soon", "fast": vague words are an answer to the question, not a start date said in passing.
    if (candidate.weak) return asked;
    return asked || candidate.standalone || starting || candidate.level !== undefined;
  }
}

/** Whether a date or a duration may be in the message (a number, or a date word): the recognizer costs a lot. */
function mayHoldADate(reading: Reading): boolean {
  return reading.numbers.length > 0 || /\d/.test(reading.folded) || DATE_WORDS.test(reading.folded);
}

function base(match: CueMatch): TimeCandidate {
  return { ...plainCandidate(match.start, match.end, undefined), weak: match.weak };
}

function resolve(meaning: TimeMeaning, now: Date): Pick<TimeCandidate, 'months' | 'later' | 'ignore'> {
  switch (meaning.kind) {
    case 'months':
      return { months: meaning.months };
    case 'later':
      return { later: true };
    case 'month':
      return { months: monthsUntilNext(now, meaning.month, meaning.day) };
    case 'quarter-end':
      return { months: monthsUntilQuarterEnd(now) };
    case 'year-end':
      return { months: monthsUntilYearEnd(now) };
    case 'next-year':
      return { months: monthsUntilNextYear(now, meaning.part) };
    case 'ignore':
      return { ignore: true };
  }
}

/** Keeps the longest of overlapping candidates ("dans six mois" over "six mois"; "depuis septembre" hides "septembre"). */
function resolveOverlaps(candidates: TimeCandidate[]): TimeCandidate[] {
  const asMatches = candidates.map((candidate, index) => ({ level: String(index), weak: candidate.weak, start: candidate.start, end: candidate.end }));
  return longestFirst(asMatches).map((match) => candidates[Number(match.level)] as TimeCandidate);
}

/** Months from now of a recognizer result (a duration, or a date / date range start). */
function monthsOf(typeName: string, values: Record<string, string>[], now: Date, locale: string): number | undefined {
  const type = typeName.replace('datetimeV2.', '');
  for (const value of values) {
    if (type === 'duration' && value.value && value.Mod !== 'since') return Math.round((Number(value.value) / 2_592_000) * 10) / 10;
    if (locale === 'fr' && !/^(?:X{4}|\d{4})-\d{2}-\d{2}$/.test(value.timex ?? '')) continue;
    const when = value.start ?? value.value ?? (value.Mod === 'before' || value.Mod === 'before-end' ? value.end : undefined);
    if (!when || !/^\d{4}-\d{2}-\d{2}/.test(when)) continue;
    const [year, month, day] = when.slice(0, 10).split('-').map(Number);
    const months = monthsUntil(now, year ?? 0, month ?? 1, day ?? 1);
    if (months >= 0) return Math.max(0.25, months);
  }
  return undefined;
}
