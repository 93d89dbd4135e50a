import type { Locale } from '../../../qualification/types.js';

/**
 * Messages read once when the extractor is built. V8 compiles a regular expression on its first use, and
 * the lexicons are large: without this the first visitor's turn would pay ~0.5 s. Each message touches
 * every reader (need, company, authority, money, timeline, knockouts) in one language.
 */
export const WARM_UP_MESSAGES: readonly { locale: Locale; text: string }[] = [
  { locale: 'fr', text: "Bonjour, je suis la gérante d'une PME de 45 salariés, on manque de rendez-vous, 3 000 € par mois validés, on veut démarrer d'ici trois mois." },
  { locale: 'en', text: "Hi, I'm the VP Sales of a 120-person SaaS company, our pipeline is thin, we have $5k a month approved and want to start next quarter." },
  { locale: 'fr', text: 'Oui.' },
  { locale: 'en', text: 'No idea.' },
];
