import { Culture, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../../../qualification/types.js';

/**
 * Thin wrapper over Microsoft Recognizers-Text. The library compiles its models lazily on first use
 * (seconds of CPU); `warmUpRecognizers` pays that once, when the extractor is built, not on a visitor's turn.
 */

const CULTURES: Record<Locale, string> = { fr: Culture.French, en: Culture.English };

export interface RecognizedNumber {
  start: number;
  /** Exclusive end. */
  end: number;
  value: number;
}

export interface RecognizedDate {
  start: number;
  end: number;
  typeName: string;
  values: Record<string, string>[];
}

let warmedUp = false;

export function warmUpRecognizers(): void {
  if (warmedUp) return;
  for (const locale of ['fr', 'en'] as const) {
    recognizeNumber(locale === 'fr' ? 'quarante mille' : 'forty thousand', CULTURES[locale]);
  }
  recognizeDateTime('by the end of june, in six weeks', CULTURES.en, undefined, new Date());
  recognizeDateTime('le 15 septembre, dans trois mois', CULTURES.fr, undefined, new Date());
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
