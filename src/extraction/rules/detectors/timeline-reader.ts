import type { Dimension } from '../../../playbook/schema.js';
import { timelineLevelFor } from '../../../playbook/queries.js';
import { compileCues, expand, type Cue } from '../engine/cue.js';
import { longestFirst, matchCues, type CueMatch } from '../engine/match-cues.js';
import { clauseOf, sentenceOf, textOf, type Finding, type Reading } from '../engine/reading.js';
import {
  DURATION_FILLER,
  DURATION_NOT_START,
  DURATION_UNITS,
  MONTHS,
  NOT_START_CONTEXT,
  SEASONS,
  START_CONTEXT,
  START_PREPOSITIONS,
  TIME_PHRASES,
  type TimeMeaning,
} from '../lexicon/timeline.js';
import { datesIn } from '../numbers/recognizers.js';
import { monthsUntil, monthsUntilNext, monthsUntilNextYear, monthsUntilQuarterEnd, monthsUntilYearEnd } from './time-arithmetic.js';

/** One time expression: months from now, or `later` with no date. */
interface Candidate {
  start: number;
  end: number;
  months?: number;
  later?: boolean;
  /** Matched only to hide words ("au plus tard", "last month"). */
  ignore?: boolean;
  /** A playbook pattern: the level is given, no months. */
  level?: string;
  weak: boolean;
  standalone: boolean;
  anchored: boolean;
  /** "avant / by / d'ici": a deadline, compatible with an earlier start said in the same message. */
  deadline: boolean;
}

const MODIFIER = String.raw`(?:en|in|by|before|avant|d'ici|d'ici a|pour|for|from|a partir de|des|starting|start of|debut|early|mi|mid|mi-|mid-|fin|end of|late|courant|au mois de|until|jusqu'en|jusqu'a|around|vers|avant fin|avant la fin de|before the end of|by the end of|d'ici fin|d'ici la fin de|pas avant|not before|after|apres|the end of|la fin de|le|the|in early|in late|in mid|de|the beginning of|beginning of|le debut de)`;
const MONTH_NAMES = MONTHS.map((entry) => entry.names).join('|');
const MONTH_RE = new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?)*)(?:(\d{1,2})(?:er|st|nd|rd|th)? )?(${MONTH_NAMES})\.?(?: (\d{1,2})(?:st|nd|rd|th)?)?(?:,? (20\d\d))?(?![a-z0-9])`, 'g');
const SEASON_RE = new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?)*)(?:(?:l'|le |la |les |this |next |cet |cette |ce |a la |d'ici la |pour la |des la |apres la |after the |before the |by )?)(${SEASONS.map((s) => s.names).join('|')})(?: (?:prochain|prochaine|next|qui vient))?(?: (20\d\d))?(?![a-z0-9])`, 'g');
const QUARTER_RE = /(?<![a-z0-9])(?:(?:q|t)([1-4])|(premier|1er|first|1st|deuxieme|2e|2eme|second|2nd|troisieme|3e|3eme|third|3rd|quatrieme|4e|4eme|fourth|4th|dernier|last) (?:trimestre|quarter))(?: (?:de |of )?(20\d\d))?(?![a-z0-9])/g;
const YEAR_RE = new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?)*)(20\d\d)(?![a-z0-9]| ?(?:€|\$|k|eur|euros|salari|empl))`, 'g');
const UNIT_RES = DURATION_UNITS.map((unit) => ({ months: unit.months, regex: new RegExp(`^ ?(?:${unit.names})(?![a-z])`) }));
const START_BEFORE = new RegExp(`(?:^|[^a-z'])${expand(START_PREPOSITIONS)} ${expand(DURATION_FILLER)}$`);
const PAST_BEFORE = /(?:depuis|il y a|pendant|durant|sur|for|over|de|d'|since|last|past|derniers?|dernieres?|the last|the past|en|of)\s*(?:(?:environ|about|around|plus de|more than|les|the)\s+)*$/;
const NOT_START_AFTER = new RegExp(`^ ?(?:${DURATION_UNITS.map((u) => u.names).join('|')})(?![a-z])[- ]?(?:${DURATION_NOT_START})(?![a-z])`);
const RANGE_BEFORE = /(?:\d+(?:[.,]\d+)?|[a-z]+) ?(?:a|à|-|to|ou|or|et|and) ?$/;
const QUARTER_WORDS: Record<string, number> = { premier: 1, '1er': 1, first: 1, '1st': 1, deuxieme: 2, '2e': 2, '2eme': 2, second: 2, '2nd': 2, troisieme: 3, '3e': 3, '3eme': 3, third: 3, '3rd': 3, quatrieme: 4, '4e': 4, '4eme': 4, fourth: 4, '4th': 4, dernier: 4, last: 4 };

/**
 * Timeline / prioritization: months from now, then the playbook band (`timelineLevelFor`). Phrases
 * (lexicon), durations ("sous trois mois"), month names, seasons, quarters and years are read here;
 * the date recognizer is a fallback. Outside an answer to the timeline question, a date counts only
 * next to a start verb ("on veut démarrer en mars") or when it is plainly about starting ("dès que possible").
 */
export class TimelineReader {
  private readonly phrases: Cue[];

  constructor(
    private readonly dimension: Dimension,
    private readonly extra: readonly Cue[] = [],
  ) {
    this.phrases = compileCues(TIME_PHRASES.map((phrase, index) => ({ level: String(index), fr: phrase.fr, en: phrase.en, ignoreNegation: true })));
  }

  read(reading: Reading, asked: boolean): Finding[] {
    const candidates = this.candidates(reading, asked);
    const kept = candidates.filter((candidate) => !candidate.ignore && this.counts(reading, candidate, asked));
    const strong = kept.filter((candidate) => !candidate.weak);
    let pool = strong.length > 0 ? strong : kept;
    if (pool.some((candidate) => !candidate.deadline)) pool = pool.filter((candidate) => !candidate.deadline);
    const findings: Finding[] = [];
    for (const candidate of pool) {
      const level = candidate.level ?? (candidate.months !== undefined ? timelineLevelFor(this.dimension, candidate.months)?.id : timelineLevelFor(this.dimension, Number.POSITIVE_INFINITY)?.id);
      if (!level || findings.some((finding) => finding.level === level)) continue;
      findings.push({ level, start: candidate.start, end: candidate.end, months: candidate.months, weak: candidate.weak });
      if (findings.length === 2) break;
    }
    return findings;
  }

  private candidates(reading: Reading, asked: boolean): Candidate[] {
    const { folded, now } = reading;
    const found: Candidate[] = [];
    const phraseMatches = matchCues(this.phrases, folded, reading.segments);
    for (const match of phraseMatches) {
      const phrase = TIME_PHRASES[Number(match.level)];
      if (!phrase) continue;
      found.push({ ...base(match), ...resolve(phrase.meaning, now), weak: phrase.weak ?? false, standalone: phrase.standalone ?? false, anchored: phrase.anchored ?? false });
    }
    for (const match of matchCues(this.extra, folded, reading.segments)) found.push({ ...base(match), level: match.level });
    found.push(...this.durations(reading, asked), ...this.dates(reading));
    const resolved = resolveOverlaps(found);
    if (!resolved.some((candidate) => !candidate.ignore) && (asked || START_CONTEXT.test(folded))) resolved.push(...this.recognized(reading));
    return resolved;
  }

  /** "sous trois mois", "within 6 weeks", "dans 3 à 6 mois" (the upper bound), "6 mois" as an answer. */
  private durations(reading: Reading, asked: boolean): Candidate[] {
    const { folded } = reading;
    const found: Candidate[] = [];
    for (const token of reading.numbers) {
      const after = folded.slice(token.end, token.end + 40);
      const unit = UNIT_RES.find((entry) => entry.regex.test(after));
      if (!unit) continue;
      if (NOT_START_AFTER.test(after)) continue;
      const unitEnd = token.end + (unit.regex.exec(after)?.[0].length ?? 0);
      let before = folded.slice(Math.max(0, token.start - 48), token.start);
      let start = token.start;
      const range = RANGE_BEFORE.exec(before);
      if (range && reading.numbers.some((other) => other.end <= token.start && other.start >= token.start - range[0].length)) {
        start = token.start - range[0].length;
        before = folded.slice(Math.max(0, start - 48), start);
      }
      const preposition = START_BEFORE.exec(before);
      const prepositioned = preposition !== null;
      if (preposition) start -= preposition[0].replace(/^[^a-z']/, '').length;
      if (!prepositioned) {
        if (!asked || token.kind === 'article' || PAST_BEFORE.test(before)) continue;
      }
      found.push({ start, end: unitEnd, months: Math.round(token.value * unit.months * 100) / 100, weak: false, standalone: false, anchored: false, deadline: false });
    }
    // The first number of a range has no unit of its own ("3 à 6 mois"): it is read with the second.
    return found;
  }

  /** Month names, seasons, quarters and years, from `now`. */
  private dates(reading: Reading): Candidate[] {
    const { folded, now } = reading;
    const found: Candidate[] = [];
    for (const match of folded.matchAll(MONTH_RE)) {
      const [whole, modifiers = '', dayBefore, name = '', dayAfter, year] = match;
      const entry = MONTHS.find((candidate) => new RegExp(`^(?:${candidate.names})$`).test(name));
      if (!entry) continue;
      if (entry.needsPreposition && !modifiers.trim() && !dayBefore && !dayAfter) continue;
      const day = Number(dayBefore ?? dayAfter) || dayFor(modifiers);
      const months = year ? monthsUntil(now, Number(year), entry.month, day) : monthsUntilNext(now, entry.month, day);
      if (months < 0) continue;
      found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
    }
    for (const match of folded.matchAll(SEASON_RE)) {
      const [whole, modifiers = '', name = '', year] = match;
      const season = SEASONS.find((candidate) => new RegExp(`^(?:${candidate.names})$`).test(name));
      if (!season) continue;
      // "After the summer", "fin de l'été": the season that follows, two months on.
      const month = /\b(?:after|apres|fin|end of|late|la fin de)\b/.test(modifiers) && season.month !== 9 ? ((season.month + 1) % 12) + 1 : season.month;
      const months = year ? monthsUntil(now, Number(year), month) : monthsUntilNext(now, month);
      found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
    }
    for (const match of folded.matchAll(QUARTER_RE)) {
      const quarter = Number(match[1] ?? QUARTER_WORDS[match[2] ?? ''] ?? 0);
      if (!quarter) continue;
      const firstMonth = (quarter - 1) * 3 + 1;
      const current = Math.ceil((now.getMonth() + 1) / 3);
      const months = match[3]
        ? monthsUntil(now, Number(match[3]), firstMonth)
        : quarter === current
          ? monthsUntilQuarterEnd(now)
          : monthsUntilNext(now, firstMonth);
      if (months < 0) continue;
      found.push(dateCandidate(folded, match.index ?? 0, match[0], '', Math.max(0.25, months)));
    }
    for (const match of folded.matchAll(YEAR_RE)) {
      const [whole, modifiers = '', yearText = ''] = match;
      const year = Number(yearText);
      if (year < now.getFullYear() || year > now.getFullYear() + 10) continue;
      const late = /\b(?:fin|end of|late|the end of|la fin de)\b/.test(modifiers);
      const middle = /\b(?:mi|mid|mi-|mid-)\b/.test(modifiers);
      let months: number;
      if (year === now.getFullYear()) months = monthsUntilYearEnd(now);
      else if (late) months = monthsUntil(now, year, 12, 1);
      else if (middle) months = monthsUntil(now, year, 7, 1);
      else months = year === now.getFullYear() + 1 ? monthsUntilNextYear(now, 'early') : monthsUntil(now, year, 1, 1);
      found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, months));
    }
    return found;
  }

  /** Fallback: Microsoft's date recognizer, for what the tables above do not know. */
  private recognized(reading: Reading): Candidate[] {
    const found: Candidate[] = [];
    for (const date of datesIn(reading.original, reading.locale, reading.now)) {
      if (/\b(?:depuis|since|ago|il y a|last|dernier)\b/.test(reading.folded.slice(Math.max(0, date.start - 16), date.end + 6))) continue;
      const months = monthsOf(date.typeName, date.values, reading.now, reading.locale);
      if (months === undefined) continue;
      found.push({ start: date.start, end: date.end, months, weak: false, standalone: false, anchored: false, deadline: false });
    }
    return found;
  }

  private counts(reading: Reading, candidate: Candidate, asked: boolean): boolean {
    const clause = textOf(reading, clauseOf(reading, candidate.start));
    const sentence = textOf(reading, sentenceOf(reading, candidate.start));
    const starting = START_CONTEXT.test(sentence);
    if (NOT_START_CONTEXT.test(clause) && !START_CONTEXT.test(clause)) return false;
    if (candidate.anchored) return starting;
    // "soon", "fast": vague words are an answer to the question, not a start date said in passing.
    if (candidate.weak) return asked;
    return asked || candidate.standalone || starting || candidate.level !== undefined;
  }
}

function base(match: CueMatch): Candidate {
  return { start: match.start, end: match.end, weak: match.weak, standalone: false, anchored: false, deadline: false };
}

function resolve(meaning: TimeMeaning, now: Date): Pick<Candidate, 'months' | 'later' | 'ignore'> {
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

function dayFor(modifiers: string): number {
  if (/\b(?:fin|end of|late|the end of|la fin de|avant fin|d'ici fin)\b/.test(modifiers)) return 28;
  if (/\b(?:mi|mid)\b/.test(modifiers)) return 15;
  return 1;
}

function dateCandidate(folded: string, start: number, whole: string, modifiers: string, months: number): Candidate {
  // "pas avant mars", "it won't be before autumn": the earliest start, not a deadline.
  const notBefore = /\b(?:pas avant|not before)\b/.test(modifiers) || /(?:\bpas|\bnot|n't|won't be|will not be|\bno sooner than|\bno earlier than|\bjamais)\s*$/.test(folded.slice(Math.max(0, start - 20), start));
  const deadline = /\b(?:by|before|avant|d'ici|until|jusqu'en|jusqu'a)\b/.test(modifiers) && !notBefore;
  const leading = whole.length - whole.trimStart().length;
  return { start: start + leading, end: start + whole.length, months, weak: false, standalone: false, anchored: false, deadline };
}

/** Keeps the longest of overlapping candidates ("dans six mois" over "six mois"; "depuis septembre" hides "septembre"). */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const asMatches = candidates.map((candidate, index) => ({ level: String(index), weak: candidate.weak, start: candidate.start, end: candidate.end }));
  return longestFirst(asMatches).map((match) => candidates[Number(match.level)] as Candidate);
}

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
