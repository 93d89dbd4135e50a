import type { PhrasesPerLocale } from './phrases.js';
import type { Slot } from './vocabulary.js';
import type { Locale } from '../../../qualification/types.js';

/**
 * Messages read once when the extractor is built. V8 compiles a regular expression on its first use, and
 * the lexicons are large: without this the first visitor's turn would pay ~0.5 s. Each message touches
 * every reader (need, company, authority, money, timeline, knockouts) in one language, in the company's own
 * words (its first result and problem phrases) so the vocabulary cues are compiled too.
 */
export function warmUpMessages(vocabulary: Readonly<Record<Slot, PhrasesPerLocale>>): { locale: Locale; text: string }[] {
  const words = (locale: Locale) => ({
    result: vocabulary.results[locale]?.[0] ?? (locale === 'fr' ? 'clients' : 'customers'),
    problem: vocabulary.problems[locale]?.[0] ?? (locale === 'fr' ? 'erreurs' : 'errors'),
  });
  const fr = words('fr');
  const en = words('en');
  return [
    { locale: 'fr', text: `Bonjour, je suis la gérante d'une PME de 45 salariés, on manque de ${fr.result} et on a trop de ${fr.problem}, 3 000 € par mois validés, on veut démarrer d'ici trois mois.` },
    { locale: 'en', text: `Hi, I'm the VP Operations of a 120-person company, we don't get enough ${en.result} and have ${en.problem}, $5k a month approved and want to start next quarter.` },
    { locale: 'fr', text: 'Oui.' },
    { locale: 'en', text: 'No idea.' },
  ];
}
