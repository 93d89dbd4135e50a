import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../../qualification/types.js';
import { messagesOf } from '../translate.js';

/** FormatJS's self-contained ES module build: the same ICU renderer as the server's, served by Qualibot. */
const INTL_MESSAGEFORMAT = join(dirname(createRequire(import.meta.url).resolve('intl-messageformat')), 'intl-messageformat.iife.js');
const PAGE_TEXTS = fileURLToPath(new URL('./page-texts.js', import.meta.url));

const JS = 'text/javascript; charset=utf-8';

/** The files a team page needs for its texts, by the name the page asks for beside its own files. */
export const PAGE_TEXT_FILES = ['i18n.js', 'intl-messageformat.js', 'texts.json'] as const;

/** One of PAGE_TEXT_FILES for the page of one catalogue surface (`console.`, `insights.`). */
export async function pageTextFile(name: (typeof PAGE_TEXT_FILES)[number], surface: string): Promise<{ body: Buffer | string; type: string }> {
  if (name === 'i18n.js') return { body: await readFile(PAGE_TEXTS), type: JS };
  if (name === 'intl-messageformat.js') return { body: await readFile(INTL_MESSAGEFORMAT), type: JS };
  const texts = Object.fromEntries(LOCALES.map((locale) => [locale, messagesOf(surface, locale)]));
  return { body: JSON.stringify(texts), type: 'application/json; charset=utf-8' };
}

export function isPageTextFile(name: string): name is (typeof PAGE_TEXT_FILES)[number] {
  return (PAGE_TEXT_FILES as readonly string[]).includes(name);
}
