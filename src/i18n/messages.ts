import type { Locale, LocalizedText } from '../qualification/types.js';

/**
 * Visitor-facing texts that belong to the product rather than to a playbook
 * (errors, limits). Conversation texts live in the playbook.
 */
export const MESSAGES = {
  turnError: {
    fr: "Désolé, j'ai eu un petit souci de mon côté. Pouvez-vous reformuler votre dernier message ?",
    en: 'Sorry, I had a small hiccup on my side. Could you rephrase your last message?',
  },
  unavailable: {
    fr: 'Désolé, je suis momentanément indisponible. Pouvez-vous réessayer dans une minute ?',
    en: "Sorry, I'm temporarily unavailable. Could you try again in a minute?",
  },
  tooLong: {
    fr: 'Votre message est un peu long pour moi : pouvez-vous le résumer en quelques phrases ?',
    en: 'Your message is a bit long for me: could you sum it up in a few sentences?',
  },
  rateLimited: {
    fr: 'Vous écrivez plus vite que moi ! Laissez-moi quelques secondes avant votre prochain message.',
    en: "You're typing faster than I can read! Give me a few seconds before your next message.",
  },
  empty: {
    fr: "Je n'ai pas bien reçu votre message : pouvez-vous le renvoyer ?",
    en: "I didn't quite get your message: could you send it again?",
  },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

export function t(key: MessageKey, locale: Locale): string {
  return MESSAGES[key][locale];
}

/** `fr-FR`, `en_US`, `FR` → a supported locale, or undefined. */
export function toLocale(tag: string | undefined | null): Locale | undefined {
  const prefix = tag?.trim().slice(0, 2).toLowerCase();
  return prefix === 'fr' || prefix === 'en' ? prefix : undefined;
}

/** The region of a locale tag: "en-AU" → "AU", "es_419" → "419", "fr" → undefined. */
export function regionOf(tag: string | undefined | null): string | undefined {
  const match = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2}|\d{3})(?![a-z0-9])/i.exec(tag?.trim() ?? '');
  return match?.[1]?.toUpperCase();
}
