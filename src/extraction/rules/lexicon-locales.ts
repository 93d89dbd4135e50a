import { LOCALES, type Locale } from '../../qualification/types.js';
import { cueFile, languageFileNames } from './engine/cue-file.js';

let covered: ReadonlySet<Locale> | undefined;

/**
 * The locales the rules extractor reads: those every language file with cues (language/*.yaml) writes cues in.
 * Derived from the data, so a language gains the rules reader when its lexicon lands, with no list to edit; a
 * locale outside it is read by the LLM alone, or by quick replies when there is no LLM.
 */
export function lexiconLocales(): ReadonlySet<Locale> {
  if (covered) return covered;
  const files = languageFileNames()
    .map((name) => Object.values(cueFile(name).lists).flat())
    .filter((entries) => entries.length > 0);
  covered = new Set(LOCALES.filter((locale) => files.every((entries) => entries.some((entry) => entry[locale] !== undefined))));
  return covered;
}

export function hasLexicon(locale: Locale): boolean {
  return lexiconLocales().has(locale);
}
