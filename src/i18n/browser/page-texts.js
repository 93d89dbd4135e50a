// A team page's texts (SDR console, insights): its surface of the catalogue, served beside it as texts.json with
// the playbook's overrides applied, rendered with the ICU library the server uses (intl-messageformat, served too).
import { IntlMessageFormat } from './intl-messageformat.js';

/** `{ fr: { key: message }, en: … }`: every locale the server speaks. */
export const TEXTS = await (await fetch(new URL('./texts.json', import.meta.url))).json();

const compiled = new Map();

/** The message of `key` in `lang` (English when that language lacks it, the key itself when neither has it). */
export function format(lang, key, values = {}) {
  const locale = TEXTS[lang]?.[key] !== undefined ? lang : 'en';
  const message = TEXTS[locale]?.[key];
  if (message === undefined) return key;
  const id = `${locale}\u0000${key}`;
  try {
    if (!compiled.has(id)) compiled.set(id, new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }));
    return String(compiled.get(id).format(values));
  } catch {
    // A value the page does not have (yet): the words are worth more than a broken page.
    return message;
  }
}
