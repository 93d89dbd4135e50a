import { Culture, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../../../qualification/types.js';

/**
 * Thin wrapper over Microsoft Recognizers-Text, the fallback for dates, durations and number words our
 * tables do not know. The library compiles its models lazily on first use (seconds of CPU): the server
 * calls `warmUpRecognizers` right after it starts listening, so no visitor turn pays for it.
 */

const CULTURES: Record<Locale, string> = { fr: Culture.French, en: Culture.English, de: Culture.German };

/** A number the recognizer found, with its span in the text it was given. */
export interface RecognizedNumber {
  start: number;
  /** Exclusive end. */
  end: number;
  value: number;
}

/** A date, range or duration the recognizer found, with its resolutions (timex, start, end, value). */
export interface RecognizedDate {
  start: number;
  end: number;
  typeName: string;
  values: Record<string, string>[];
}

// Inputs that walk every lazily-built path of the models (each costs about a second the first time).
// Only the locales the rules extractor reads (those with a lexicon) are warmed up.
const WARM_UP: Record<'fr' | 'en', readonly string[]> = {
  fr: ['Sous trois mois.', 'je suis le ceo, on a un budget de 40k€', 'trois', 'un', 'vingt et un', 'quarante mille', 'un et demi', 'deuxième', 'vingt pour cent', 'trente-cinq', 'un million', 'quatre-vingt-dix'],
  en: ["I'm the CEO, we have a budget of 40k€", 'three', 'one', 'a dozen', 'thirty-five', 'one and a half', 'second', 'twenty percent', 'forty thousand', 'a million'],
};
const WARM_UP_DATES: Record<'fr' | 'en', string> = { fr: 'dans trois mois, le 15 mars, avant fin juin', en: 'in three months, on March 15, by the end of June' };

let warmedUp = false;

export function warmUpRecognizers(): void {
  if (warmedUp) return;
  for (const locale of ['fr', 'en'] as const) {
    for (const text of WARM_UP[locale]) recognizeNumber(text, CULTURES[locale]);
    recognizeDateTime(WARM_UP_DATES[locale], CULTURES[locale], undefined, new Date());
  }
  warmedUp = true;
}

/** Numbers written in words ("quarante mille", "thirty-five", "a dozen") in one culture. */
export function numbersInWords(text: string, locale: Locale): RecognizedNumber[] {
  const found: RecognizedNumber[] = [];
  for (const result of recognizeNumber(text, CULTURES[locale])) {
    const value = Number((result.resolution as { value?: string } | undefined)?.value);
    if (!Number.isFinite(value)) continue;
    found.push({ start: result.start, end: result.end + 1, value });
  }
  return found;
}

/** Dates, date ranges and durations, resolved against `now`. */
export function datesIn(text: string, locale: Locale, now: Date): RecognizedDate[] {
  const found: RecognizedDate[] = [];
  for (const result of recognizeDateTime(text, CULTURES[locale], undefined, now)) {
    const values = (result.resolution as { values?: Record<string, string>[] } | null)?.values;
    if (!values) continue;
    found.push({ start: result.start, end: result.end + 1, typeName: result.typeName, values });
  }
  return found;
}
