import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES, type Locale } from '../qualification/types.js';
import type REFERENCE from './catalogue/en.json';

/**
 * The one catalogue of every text a visitor or an SDR reads: `catalogue/<locale>.json`, one file per locale in
 * LOCALES, ICU MessageFormat, keys namespaced by surface (`bot.`, `handoff.`, `booking.`, `sdr.`, `widget.`, …).
 * English is the reference for the key type: a key missing from en.json fails `tsc` where it is used.
 */
export type TextKey = keyof typeof REFERENCE;
export type Messages = Readonly<Record<TextKey, string>>;

export const CATALOGUE_DIR = new URL('./catalogue/', import.meta.url);

const fileSchema = z.record(z.string().regex(/^[a-z]+(\.[\w:-]+)+$/, 'is not a namespaced key (surface.name)'), z.string());

export function catalogueFile(locale: string): URL {
  return new URL(`${locale}.json`, CATALOGUE_DIR);
}

/** Reads and checks one locale's file; a bad file fails at start-up, naming the file and the key. */
export function readCatalogueFile(locale: string): Record<string, string> {
  const file = catalogueFile(locale);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Catalogue ${file.pathname}: cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Catalogue ${file.pathname} is invalid:\n${issues}`);
  }
  return result.data;
}

function loadCatalogue(): Record<Locale, Messages> {
  const files = Object.fromEntries(LOCALES.map((locale) => [locale, readCatalogueFile(locale)])) as Record<Locale, Record<string, string>>;
  // Every locale has every key: a text missing in one language is a start-up error, not a visitor seeing a key.
  const reference = new Set(Object.keys(files.en));
  for (const locale of LOCALES) {
    const keys = Object.keys(files[locale]);
    const missing = [...reference].filter((key) => !(key in files[locale]));
    const extra = keys.filter((key) => !reference.has(key));
    if (missing.length || extra.length) {
      throw new Error(`Catalogue ${catalogueFile(locale).pathname}: ${[missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unknown ${extra.join(', ')}` : ''].filter(Boolean).join('; ')}`);
    }
  }
  return files as Record<Locale, Messages>;
}

export const CATALOGUE: Readonly<Record<Locale, Messages>> = loadCatalogue();

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(CATALOGUE.en, key);
}
