import { slotTextsOf } from '../../i18n/translate.js';
import { LOCALES, type Locale } from '../../qualification/types.js';

/**
 * The widget chrome's texts (`widget.*` in the catalogue), rendered on the server per locale; the loader fills the
 * `{title}`, `{count}`, `{n}`, `{email}`, `{name}` slots itself. The bot's own messages come from the playbook.
 */
export function widgetTexts(): Record<Locale, Record<string, string>> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, slotTextsOf('widget.', locale)])) as Record<Locale, Record<string, string>>;
}
