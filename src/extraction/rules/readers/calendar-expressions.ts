import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import type { Reading } from '../engine/reading.js';
import { inSouthernHemisphere, MONTHS, SEASONS } from '../lexicon/timeline.js';
import { plainCandidate, type TimeCandidate } from './time-candidate.js';
import { monthsUntil, monthsUntilBareNextYear, monthsUntilNext, monthsUntilNextYear, monthsUntilQuarterEnd, monthsUntilYearEnd } from './time-arithmetic.js';

// Words before a date that say how it is meant: "avant fin", "pas avant", "early", "mid-"…
const MODIFIER = String.raw`(?:a partir d'|d'ici|jusqu'|d'|en|in|by|before|avant|d'ici|d'ici a|pour|for|from|a partir de|des|starting|start of|debut|early|mi|mid|mi-|mid-|fin|end of|late|courant|au mois de|until|jusqu'en|jusqu'a|around|vers|avant fin|avant la fin de|before the end of|by the end of|d'ici fin|d'ici la fin de|pas avant|not before|after|apres|the end of|la fin de|le|the|in early|in late|in mid|de|the beginning of|beginning of|le debut de|du|la fin du|the end of the|end of the)`;
const MONTH_NAMES = MONTHS.map((entry) => entry.names).join('|');
// Prefiltered: most messages have no month name, season, quarter or year to look for.
const MONTH_RE = new PrefilteredRegExp(new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?){0,4})(?:(\d{1,2})(?:er|st|nd|rd|th)? )?(${MONTH_NAMES})\.?(?: (\d{1,2})(?:st|nd|rd|th)?)?(?:,? (20\d\d))?(?![a-z0-9])`, 'g'));
const SEASON_RE = new PrefilteredRegExp(new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?){0,4})(?:(?:l'|le |la |les |this |next |cet |cette |ce |a la |d'ici la |pour la |des la |apres la |after the |before the |by )?)(${SEASONS.map((s) => s.names).join('|')})(?: (?:prochain|prochaine|next|qui vient))?(?: (20\d\d))?(?![a-z0-9])`, 'g'));
const QUARTER_RE = new PrefilteredRegExp(new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?){0,4})(?:(?:q|t)([1-4])|(premier|1er|first|1st|deuxieme|2e|2eme|second|2nd|troisieme|3e|3eme|third|3rd|quatrieme|4e|4eme|fourth|4th|dernier|last) (?:trimestre|quarter))(?: (?:de |of )?(20\d\d)| (de l'annee prochaine|de l'an prochain|of next year|next year))?(?![a-z0-9])`, 'g'));
const SEMESTER_RE = new PrefilteredRegExp(new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?){0,4})(?:(?:le |au |the |du )?(premier|1er|first|1st|second|deuxieme|2e|2eme|2nd) (?:semestre|half)|(?:h|s)([12]))(?: (?:de |d'|of )?(?:l'annee |the year |l'an )?(20\d\d))(?![a-z0-9])`, 'g'));
// "30/09", "30/09/2026", "15.09.2026" (day first in French; in English month first unless the first is > 12), "09/2026".
const NUMERIC_DATE_RE = new PrefilteredRegExp(/(?<![\d/.,])(\d{1,2})(?:\/(\d{1,2})(?:\/(20\d\d|\d\d))?|\.(\d{1,2})\.(20\d\d|\d\d))(?![\d/%]|[.,]\d)/g);
const MONTH_YEAR_RE = new PrefilteredRegExp(/(?<![\d/.,])(\d{1,2})[/-](20\d\d)(?![\d/]|[.,]\d)/g);
// "Début 2027", "early 2027": mid-January of that year.
const EARLY_MODIFIER = /\b(?:debut|early|start of|beginning of|the beginning of|le debut de|in early)\b/;
const LATE_MODIFIER = /\b(?:fin|end of|late|the end of|la fin de|la fin du|by the end of|before the end of|avant la fin de|avant fin|d'ici fin|d'ici la fin de)\b/;
const YEAR_RE = new PrefilteredRegExp(new RegExp(String.raw`(?<![a-z0-9'])((?:${MODIFIER} ?){0,4})(20\d\d)(?![a-z0-9]| ?(?:€|\$|k|eur|euros|salari|empl))`, 'g'));
const QUARTER_WORDS: Record<string, number> = { premier: 1, '1er': 1, first: 1, '1st': 1, deuxieme: 2, '2e': 2, '2eme': 2, second: 2, '2nd': 2, troisieme: 3, '3e': 3, '3eme': 3, third: 3, '3rd': 3, quatrieme: 4, '4e': 4, '4eme': 4, fourth: 4, '4th': 4, dernier: 4, last: 4 };

/** Month names, seasons, quarters, half-years, dates in figures and years, from `now`. */
export function readCalendarDates(reading: Reading): TimeCandidate[] {
  const { folded, now } = reading;
  const southern = inSouthernHemisphere(reading.region);
  const found: TimeCandidate[] = [];
  for (const match of MONTH_RE.matchAll(folded)) {
    const [whole, modifiers = '', dayBefore, name = '', dayAfter, year] = match;
    const entry = MONTHS.find((candidate) => new RegExp(`^(?:${candidate.names})$`).test(name));
    if (!entry) continue;
    if (entry.needsPreposition && !modifiers.trim() && !dayBefore && !dayAfter) continue;
    const day = Number(dayBefore ?? dayAfter) || dayFor(modifiers);
    const months = year ? monthsUntil(now, Number(year), entry.month, day) : monthsUntilNext(now, entry.month, day);
    if (months < 0) continue;
    found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
  }
  for (const match of SEASON_RE.matchAll(folded)) {
    const [whole, modifiers = '', name = '', year] = match;
    const season = SEASONS.find((candidate) => new RegExp(`^(?:${candidate.names})$`).test(name));
    if (!season) continue;
    // "After the summer", "fin de l'été": the season that follows, two months on.
    const northern = /\b(?:after|apres|fin|end of|late|la fin de)\b/.test(modifiers) && season.month !== 9 ? ((season.month + 1) % 12) + 1 : season.month;
    // South of the equator the seasons come six months later ("after the summer" is March in Sydney).
    const month = season.seasonal && southern ? ((northern + 5) % 12) + 1 : northern;
    const months = year ? monthsUntil(now, Number(year), month) : monthsUntilNext(now, month);
    found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
  }
  for (const match of QUARTER_RE.matchAll(folded)) {
    const [whole, modifiers = '', digit, word, yearText, nextYear] = match;
    const quarter = Number(digit ?? QUARTER_WORDS[word ?? ''] ?? 0);
    const year = yearText ?? (nextYear ? String(now.getFullYear() + 1) : undefined);
    if (!quarter) continue;
    // "By the end of Q3": the last month of the quarter, not its first.
    const late = LATE_MODIFIER.test(modifiers);
    const month = (quarter - 1) * 3 + (late ? 3 : 1);
    const day = late ? 28 : 1;
    const current = Math.ceil((now.getMonth() + 1) / 3);
    const months = year ? monthsUntil(now, Number(year), month, day) : quarter === current ? monthsUntilQuarterEnd(now) : monthsUntilNext(now, month, day);
    if (months < 0) continue;
    found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
  }
  for (const match of SEMESTER_RE.matchAll(folded)) {
    const [whole, modifiers = '', word, digit, year] = match;
    const half = digit ? Number(digit) : /^(?:premier|1er|first|1st)$/.test(word ?? '') ? 1 : 2;
    const late = LATE_MODIFIER.test(modifiers);
    const months = monthsUntil(now, Number(year), half === 1 ? (late ? 6 : 1) : late ? 12 : 7, late ? 28 : 1);
    if (months < 0) continue;
    found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, Math.max(0.25, months)));
  }
  found.push(...numericDates(reading));
  for (const match of YEAR_RE.matchAll(folded)) {
    const [whole, modifiers = '', yearText = ''] = match;
    const year = Number(yearText);
    if (year < now.getFullYear() || year > now.getFullYear() + 10) continue;
    const late = /\b(?:fin|end of|late|the end of|la fin de)\b/.test(modifiers);
    const middle = /\b(?:mi|mid|mi-|mid-)\b/.test(modifiers);
    let months: number;
    if (year === now.getFullYear()) months = monthsUntilYearEnd(now);
    else if (late) months = monthsUntil(now, year, 12, 1);
    else if (middle) months = monthsUntil(now, year, 7, 1);
    else if (year === now.getFullYear() + 1) months = EARLY_MODIFIER.test(modifiers) ? monthsUntilNextYear(now, 'early') : monthsUntilBareNextYear(now);
    else months = monthsUntil(now, year, 1, 1);
    found.push(dateCandidate(folded, match.index ?? 0, whole, modifiers, months));
  }
  return found;
}

/** "d'ici le 30/09", "by 09/2026": dates in figures, the next such day when no year is given. */
function numericDates(reading: Reading): TimeCandidate[] {
  const { folded, now } = reading;
  const found: TimeCandidate[] = [];
  for (const match of NUMERIC_DATE_RE.matchAll(folded)) {
    const first = Number(match[1]);
    const second = Number(match[2] ?? match[4]);
    const yearText = match[3] ?? match[5];
    const dayFirst = reading.locale === 'fr' || match[4] !== undefined || first > 12;
    const [day, month] = dayFirst ? [first, second] : [second, first];
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) continue;
    const year = yearText === undefined ? undefined : Number(yearText.length === 2 ? `20${yearText}` : yearText);
    const months = year === undefined ? monthsUntilNext(now, month, day) : monthsUntil(now, year, month, day);
    if (months < 0) continue;
    found.push(dateCandidate(folded, match.index ?? 0, match[0], modifiersBefore(folded, match.index ?? 0), Math.max(0.25, months)));
  }
  for (const match of MONTH_YEAR_RE.matchAll(folded)) {
    const month = Number(match[1]);
    if (month < 1 || month > 12) continue;
    const months = monthsUntil(now, Number(match[2]), month);
    if (months < 0) continue;
    found.push(dateCandidate(folded, match.index ?? 0, match[0], modifiersBefore(folded, match.index ?? 0), Math.max(0.25, months)));
  }
  return found;
}

/** The words just before a date in figures ("avant le", "by"), to tell a deadline from a start. */
function modifiersBefore(folded: string, start: number): string {
  return folded.slice(Math.max(0, start - 20), start);
}

function dayFor(modifiers: string): number {
  if (/\b(?:fin|end of|late|the end of|la fin de|avant fin|d'ici fin)\b/.test(modifiers)) return 28;
  if (/\b(?:mi|mid)\b/.test(modifiers)) return 15;
  return 1;
}

function dateCandidate(folded: string, start: number, whole: string, modifiers: string, months: number): TimeCandidate {
  // "pas avant mars", "it won't be before autumn": the earliest start, not a deadline.
  const notBefore = /\b(?:pas avant|not before)\b/.test(modifiers) || /(?:\bpas|\bnot|n't|won't be|will not be|\bno sooner than|\bno earlier than|\bjamais)\s*$/.test(folded.slice(Math.max(0, start - 20), start));
  const deadline = /\b(?:by|before|avant|d'ici|until|jusqu'en|jusqu'a)\b/.test(modifiers) && !notBefore;
  const leading = whole.length - whole.trimStart().length;
  return plainCandidate(start + leading, start + whole.length, months, deadline);
}
