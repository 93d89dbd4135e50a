import type { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../qualification/types.js';
import { CATALOGUE, type TextKey } from './catalogue.js';
import { compileMessage, placeholderNames } from './icu.js';

/** A company's own wording of catalogue texts (the playbook's `texts:`), per key and locale. */
export type TextOverrides = Readonly<Partial<Record<TextKey, Readonly<Partial<Record<Locale, string>>>>>>;

export type TextValues = Readonly<Record<string, string | number>>;

let overrides: TextOverrides = {};
const compiled = new Map<string, IntlMessageFormat>();

/**
 * The running playbook's overrides, installed once by the composition root (src/app.ts). Module state because the
 * texts are read in some forty places that have no playbook at hand; the playbook checked them at load.
 */
export function useTextOverrides(next: TextOverrides | undefined): void {
  overrides = next ?? {};
  compiled.clear();
}

/** The message source for a key: the playbook's override when it has one, else the catalogue's. */
export function messageOf(key: TextKey, locale: Locale): string {
  return overrides[key]?.[locale] ?? CATALOGUE[locale][key];
}

/** The text in `locale` with its placeholders filled (values are inserted as they are, never re-read as ICU). */
export function translate(key: TextKey, locale: Locale, values?: TextValues): string {
  const id = `${locale}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    message = compileMessage(messageOf(key, locale), locale);
    compiled.set(id, message);
  }
  return String(message.format(values));
}

/**
 * The messages of one surface (`console.`) in `locale`, prefix removed, overrides applied: what a browser page
 * receives to render itself with the same ICU library.
 */
export function messagesOf(prefix: string, locale: Locale): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const key of Object.keys(CATALOGUE[locale]) as TextKey[]) {
    if (key.startsWith(prefix)) messages[key.slice(prefix.length)] = messageOf(key, locale);
  }
  return messages;
}

/**
 * The messages of one surface rendered now, each placeholder left as a `{name}` slot for a page that fills it at
 * run time with plain text (the widget loader: it stays small on the company's pages, without an ICU library).
 */
export function slotTextsOf(prefix: string, locale: Locale): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const key of Object.keys(CATALOGUE[locale]) as TextKey[]) {
    if (!key.startsWith(prefix)) continue;
    const slots = Object.fromEntries(placeholderNames(messageOf(key, locale), locale).map((name) => [name, `{${name}}`]));
    texts[key.slice(prefix.length)] = translate(key, locale, slots);
  }
  return texts;
}
