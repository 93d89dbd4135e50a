import { z } from 'zod';
import { LOCALES, type Locale } from '../qualification/types.js';
import { CATALOGUE, isTextKey } from './catalogue.js';
import { placeholderNames } from './icu.js';
import type { TextOverrides } from './translate.js';

/**
 * The playbook's `texts:`: a company's own wording of any catalogue text, per key and locale, e.g.
 * `handoff.waiting: { fr: "…", en: "…" }`. Checked at load like the rest of the playbook: an unknown key or
 * locale, an ICU syntax error, or a placeholder the text is never given fails with the field named.
 */
/** Texts whose placeholders are filled in the browser by the widget loader (src/channels/widget/widget-texts.ts). */
const RUN_TIME_SLOTS = 'widget.';

export const textOverridesSchema = z
  .record(z.string(), z.record(z.string(), z.string().min(1)))
  .superRefine((texts, ctx) => {
    for (const [key, perLocale] of Object.entries(texts)) {
      if (!isTextKey(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not a key of the text catalogue (src/i18n/catalogue/en.json)` });
        continue;
      }
      for (const [locale, message] of Object.entries(perLocale)) {
        if (!(LOCALES as readonly string[]).includes(locale)) {
          ctx.addIssue({ code: 'custom', path: [key, locale], message: `"${locale}" is not a supported locale (${LOCALES.join(', ')})` });
          continue;
        }
        let names: string[];
        try {
          names = placeholderNames(message, locale);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: [key, locale], message: `is not valid ICU MessageFormat: ${(error as Error).message}` });
          continue;
        }
        // The widget loader fills its slots as plain text in the visitor's browser: no plural or select to resolve there.
        const formatted = key.startsWith(RUN_TIME_SLOTS) ? placeholderNames(message, locale, true) : [];
        if (formatted.length > 0) {
          ctx.addIssue({ code: 'custom', path: [key, locale], message: `the widget fills ${formatted.map((name) => `{${name}}`).join(', ')} itself: use plain {name} placeholders, no plural, select or format` });
          continue;
        }
        const given = placeholderNames(CATALOGUE[locale as Locale][key], locale);
        const unknown = names.filter((name) => !given.includes(name));
        if (unknown.length > 0) {
          const has = given.length ? given.map((name) => `{${name}}`).join(', ') : 'none';
          ctx.addIssue({ code: 'custom', path: [key, locale], message: `uses ${unknown.map((name) => `{${name}}`).join(', ')}, which this text is never given (it has: ${has})` });
        }
      }
    }
  })
  .transform((texts) => texts as TextOverrides);
