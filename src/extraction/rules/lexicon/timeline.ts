import { z } from 'zod';
import { table, term } from '../engine/cue-file.js';
import { expand } from '../engine/cue.js';

/**
 * Timeline / prioritization phrases and what they mean in months from now (language/timeline.yaml). Durations
 * ("sous 3 mois", "within 6 weeks") and dates ("en mars", "by end of June", "Q3", "2027") are read by the timeline
 * reader from the tables of that file; `time_phrases` holds the fixed phrases.
 *
 * Where a phrase counts:
 * - `standalone`: also in a message about something else ("…, budget 500 €/mois, dès que possible");
 * - `anchored`: only next to a start verb ("démarrer maintenant"), never alone ("hard to tell right now");
 * - default: in an answer to the timeline question, or next to a start verb.
 */
/** What a time phrase means, resolved against `now` by the timeline reader. */
export type TimeMeaning =
  | { kind: 'months'; months: number }
  | { kind: 'later' }
  /** Next 1st of this month (1–12), or its `day`. */
  | { kind: 'month'; month: number; day?: number }
  | { kind: 'quarter-end' }
  | { kind: 'year-end' }
  | { kind: 'next-year'; part: 'early' | 'any' | 'late' }
  /** Matched only to hide the words from other readers ("au plus tard", "last month", "par mois"). */
  | { kind: 'ignore' };

/** A fixed time phrase per language and what it means. */
export interface TimePhrase {
  fr?: readonly string[];
  en?: readonly string[];
  meaning: TimeMeaning;
  weak?: boolean;
  standalone?: boolean;
  anchored?: boolean;
}

/** "Next quarter" is read as 3.5 months: past this quarter, not yet half a year away (the next-quarter row of time_phrases). */
export const NEXT_QUARTER_MONTHS = 3.5;

const patterns = z.array(z.string().min(1)).min(1).optional();
const timeMeaningSchema: z.ZodType<TimeMeaning> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('months'), months: z.number().positive() }),
  z.object({ kind: z.literal('later') }),
  z.object({ kind: z.literal('month'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31).optional() }),
  z.object({ kind: z.literal('quarter-end') }),
  z.object({ kind: z.literal('year-end') }),
  z.object({ kind: z.literal('next-year'), part: z.enum(['early', 'any', 'late']) }),
  z.object({ kind: z.literal('ignore') }),
]);
const timePhraseSchema: z.ZodType<TimePhrase> = z.object({
  meaning: timeMeaningSchema,
  weak: z.boolean().optional(),
  standalone: z.boolean().optional(),
  anchored: z.boolean().optional(),
  fr: patterns,
  en: patterns,
});

export const TIME_PHRASES: readonly TimePhrase[] = table('timeline', 'time_phrases', timePhraseSchema);

/** Month names (folded) → month number. English "may"/"march" need a preposition: see the reader. */
export const MONTHS: readonly { names: string; month: number; needsPreposition?: boolean }[] = table(
  'timeline',
  'months',
  z.object({ names: z.string().min(1), month: z.number().int().min(1).max(12), needsPreposition: z.boolean().optional() }),
);

/**
 * Seasons and school-year landmarks → the month they start for a business, north of the equator.
 * `seasonal`: follows the visitor's hemisphere (six months later in the south); holidays and the French
 * "rentrée de septembre" do not.
 */
export const SEASONS: readonly { names: string; month: number; seasonal?: boolean }[] = table(
  'timeline',
  'seasons',
  z.object({ names: z.string().min(1), month: z.number().int().min(1).max(12), seasonal: z.boolean().optional() }),
);

/**
 * Regions (ISO 3166 codes, as in a locale tag "en-AU", "pt-BR", "fr-RE") south of the equator, where the
 * summer ends in February. Equatorial regions (Kenya, Indonesia…) keep the default.
 */
export const SOUTHERN_HEMISPHERE_REGIONS: ReadonlySet<string> = new Set([
  'AU', 'NZ', 'ZA', 'AR', 'CL', 'UY', 'PY', 'BR', 'BO', 'PE', 'NA', 'BW', 'LS', 'SZ', 'ZW', 'ZM', 'MZ', 'MG', 'MU', 'RE', 'YT', 'NC', 'PF', 'WF', 'FJ', 'WS', 'TO', 'VU', 'AO', 'MW', 'FK',
]);

export function inSouthernHemisphere(region: string | undefined): boolean {
  return region !== undefined && SOUTHERN_HEMISPHERE_REGIONS.has(region.toUpperCase());
}

/** Duration units → months per unit. */
export const DURATION_UNITS: readonly { names: string; months: number }[] = table(
  'timeline',
  'duration_units',
  z.object({ names: z.string().min(1), months: z.number().positive() }),
);

/** Words before a duration that make it a start ("dans 3 mois", "within 6 weeks"). */
export const START_PREPOSITIONS = term('timeline', 'start_prepositions');
/** Words between a duration's number and its unit ("deux prochains mois"). */
export const UNIT_ADJECTIVES = term('timeline', 'unit_adjectives');
/** Filler words between that preposition and the number. */
export const DURATION_FILLER = term('timeline', 'duration_filler');
/** Words after a duration that make it something else ("6 mois de test", "3 years ago"). */
export const DURATION_NOT_START = term('timeline', 'duration_not_start');

/** Verbs and nouns that make a time phrase a start date ("on veut démarrer en mars", "go live in May"). */
export const START_CONTEXT = new RegExp(term('timeline', 'start_context'), '');
/** A number or one of these words is in every date or duration (language/timeline.yaml): without one, no date. */
export const DATE_WORDS = new RegExp(`(?<![a-z0-9])${term('timeline', 'date_words')}(?![a-z0-9])`);
/** Words that tie a time phrase to money or goals instead of a start ("budget acté pour l'an prochain", "Q3 targets"). */
export const NOT_START_CONTEXT = new RegExp(term('timeline', 'not_start_context'), '');
/** What buyers want more of ({results}, read on the marked text): a date next to it is a target, not a start. */
export const RESULTS_CONTEXT = new RegExp(expand(term('timeline', 'results_context')));
