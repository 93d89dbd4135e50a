import { LOCALES, type Locale } from '../qualification/types.js';

/** `fr-FR`, `en_US`, `FR` → a supported locale (one of LOCALES), or undefined. */
export function toLocale(tag: string | undefined | null): Locale | undefined {
  const prefix = tag?.trim().slice(0, 2).toLowerCase();
  return LOCALES.find((locale) => locale === prefix);
}

/** The region of a locale tag: "en-AU" → "AU", "es_419" → "419", "fr" → undefined. */
export function regionOf(tag: string | undefined | null): string | undefined {
  const match = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2}|\d{3})(?![a-z0-9])/i.exec(tag?.trim() ?? '');
  return match?.[1]?.toUpperCase();
}
