import { z } from 'zod';
import type { Logger } from '../logger.js';
import { LOCALES, type Locale, type LocalizedText } from '../qualification/types.js';

/**
 * Playbook fields that exist once per locale, built from LOCALES so a new language is accepted everywhere at once.
 * A company writes the languages it serves: English is required, any other locale it leaves out shows the English
 * text (a playbook written before a language was added still loads), and `missingLocaleTexts` names each such text
 * so start-up can warn once.
 */

/** Which locales each filled-in text took from English (by object identity: the parsed playbook keeps these objects). */
const fromEnglish = new WeakMap<object, Locale[]>();

const OTHER_LOCALES = LOCALES.filter((locale) => locale !== 'en');

/** A text people read, in every locale once parsed (missing ones are the English text). */
export const localizedText = z
  .object({ en: z.string().min(1), ...Object.fromEntries(OTHER_LOCALES.map((locale) => [locale, z.string().min(1).optional()])) })
  .strict()
  .transform((parsed): LocalizedText => {
    const given = parsed as Partial<LocalizedText> & { en: string };
    const missing = OTHER_LOCALES.filter((locale) => given[locale] === undefined);
    const text = Object.fromEntries(LOCALES.map((locale) => [locale, given[locale] ?? given.en])) as LocalizedText;
    if (missing.length) fromEnglish.set(text, missing);
    return text;
  });

/** A list per locale (phrases, patterns, example sentences): a locale left out is an empty list, not a fallback. */
export function perLocaleList<T extends z.ZodType>(item: T) {
  const shape = Object.fromEntries(LOCALES.map((locale) => [locale, z.array(item).default([])]));
  return z.object(shape).strict() as unknown as z.ZodType<Record<Locale, z.output<T>[]>, Partial<Record<Locale, z.input<T>[]>>>;
}

/** Every locale with an empty list (the default of an absent per-locale list). */
export function emptyLists<T>(): Record<Locale, T[]> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, []])) as unknown as Record<Locale, T[]>;
}

/** Where a parsed playbook shows English for want of a locale: `dimensions[0].question (de)`, in document order. */
export function missingLocaleTexts(parsed: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const missing = fromEnglish.get(node);
    if (missing) {
      found.push(`${path} (${missing.join(', ')})`);
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, `${path}[${index}]`));
    else for (const [key, value] of Object.entries(node)) visit(value, path ? `${path}.${key}` : key);
  };
  visit(parsed, '');
  return found;
}

/** Start-up's one warning for a playbook that shows English where it lacks a locale (nothing when it lacks none). */
export function warnMissingLocales(playbook: { id: string }, logger: Pick<Logger, 'warn'>): void {
  const texts = missingLocaleTexts(playbook);
  if (texts.length) logger.warn({ playbook: playbook.id, texts }, `playbook: ${texts.length} texts missing in some languages, shown in English`);
}
