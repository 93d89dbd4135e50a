import { z } from 'zod';
import { sanitizeVisitorText } from '../../privacy/sanitize-text.js';
import type { Locale, PageContext } from '../../qualification/types.js';
import { toLocale } from '../../i18n/locale-tags.js';
import { isTimeZone } from '../../handoff/business-hours.js';

/** The page locales the widget speaks, one per locale in LOCALES (`fr-FR`, `en-US`, `de-DE`); every widget activity carries one. */
export type WidgetLocale = `${Locale}-${string}`;
const widgetLocale = (locale: Locale): WidgetLocale => (locale === 'en' ? 'en-US' : `${locale}-${locale.toUpperCase()}`);

/** Maps whatever the page said ("fr", "fr-CA", "en-GB", "de-AT"…) to a locale the bot has texts for. */
export function normalizeLocale(value: unknown, fallback: WidgetLocale = 'en-US'): WidgetLocale {
  const locale = typeof value === 'string' ? toLocale(value) : undefined;
  return locale ? widgetLocale(locale) : fallback;
}

// Each field is checked on its own and dropped when malformed: a weird referrer must not cost a lead.
const clipped = (max: number) =>
  z
    .string()
    // Bidi and zero-width controls go, as in the transcript: a title with U+202E must not read reversed to an SDR.
    .transform((value) => sanitizeVisitorText(value).slice(0, max))
    .optional()
    .catch(undefined);

const pageContextSchema = z.object({
  pageUrl: clipped(2048),
  referrer: clipped(2048),
  pageTitle: clipped(300),
  pagesViewed: z.number().int().min(1).max(10_000).optional().catch(undefined),
  visitedPricing: z.boolean().optional().catch(undefined),
  utm_source: clipped(200),
  utm_medium: clipped(200),
  utm_campaign: clipped(200),
  utm_term: clipped(200),
  utm_content: clipped(200),
  /** The visitor's IANA time zone (offered meeting times are shown in it). */
  timeZone: z.string().max(64).refine(isTimeZone).optional().catch(undefined),
});

/**
 * The page context the loader sends (page URL, referrer, UTM parameters, pages viewed), reduced to
 * known fields. It is engagement data for the bot and the sales team; it never routes anything.
 */
export function parsePageContext(raw: unknown): PageContext {
  const parsed = pageContextSchema.safeParse(raw ?? {});
  if (!parsed.success) return {};
  const context: PageContext = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined && value !== '') context[key] = value;
  }
  return context;
}
