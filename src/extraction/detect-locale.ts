import type { Locale } from '../qualification/types.js';

/**
 * Guesses whether a visitor writes French, English or German, from function words, accents and elisions.
 * Returns undefined when it cannot tell ("ok", "40k€", "CEO", "asap"), so the caller keeps what it had.
 */
export function detectLocale(text: string): Locale | undefined {
  const folded = text.toLowerCase().replace(/[’‘ʼ`]/g, "'");
  const words = folded
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z']+/)
    .filter(Boolean);
  const score: Record<Locale, number> = {
    fr: Math.min(2, (folded.match(/[éèêëàâçùûôîïœ]/g) ?? []).length),
    en: 0,
    de: Math.min(2, (folded.match(/[äöüß]/g) ?? []).length),
  };
  for (const word of words) {
    if (FRENCH_WORDS.has(word) || FRENCH_ELISION.test(word)) score.fr++;
    else if (ENGLISH_WORDS.has(word) || ENGLISH_CONTRACTION.test(word)) score.en++;
    else if (GERMAN_WORDS.has(word)) score.de++;
  }
  const ranked = (Object.entries(score) as [Locale, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0 || first[1] === second?.[1]) return undefined;
  return first[0];
}

// Words common in one language and rare in the other (shared ones such as "a", "on", "me", "budget" are left out).
const FRENCH_WORDS = new Set(
  (
    'le la les de des du un une et est sont je nous vous pas ne pour avec sur dans qui que oui non merci bonjour salut ' +
    'mais ou notre nos votre vos mon ma mes au aux ce cette ces il elle ils sommes avons ai suis tres plus aussi deja chez ' +
    'entre sous sans rien tout tous faut besoin veut voulons voudrait aimerait mois salaries personnes ans semaines depuis ' +
    'parce alors donc car bien peu beaucoup quand comment pourquoi enfin voila ca cela leur leurs etre avoir fait faire ici ' +
    'moi toi lui eux nous y en avant apres aucun aucune jamais encore trop assez prevu cherche cherchons manque besoin ' +
    'rendez vous rdv entreprise societe boite commerciaux chiffre demarrer bientot prochain prochaine annee mettre pouvez'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the an and is are was were i we you it to of in for with at that this my our your yes thanks thank hello hi not have ' +
    'has do does just about but or so be will would can could should need needs want wants looking month months people ' +
    'employees team from by as they their what how when there here any some more very also no none our we our meetings ' +
    'leads company sales budget approved start within next year weeks soon nothing never maybe sure yeah yep nope please ' +
    'really until before after already them us who which where been being get got obviously actually honestly'
  )
    .split(' ')
    .filter((word) => word !== 'budget'),
);
// Folded (no umlauts, ß as ss); words also common in English or French ("was", "will", "am", "des", "du", "so") left out.
const GERMAN_WORDS = new Set(
  (
    'und ist sind wir ich nicht das der die den dem ein eine einen einem einer oder aber auch nur noch schon sehr sie ' +
    'ihr ihre ihren unser unsere unseren unserem unserer haben habe hat wird werden wurde kein keine keinen nein ja danke ' +
    'bin bitte hallo guten mit fur uber von zu zum zur auf aus bei nach bis vom dass wie wer wo warum wann welche ' +
    'jetzt bald sofort bereits etwa ungefahr gibt geht mochten mochte brauchen brauche suchen suche wollen mussen ' +
    'monate monaten jahr jahre jahren wochen woche quartal mitarbeiter mitarbeitende firma unternehmen vertrieb ' +
    'entscheide entscheider entscheidung geschaftsfuhrer geschaftsfuhrerin leiter leiterin termin termine kunden ' +
    'neue neuen mehr weniger genug zeit freigegeben geplant vielleicht eigentlich wirklich leider gerne eins zwei drei ' +
    'vier funf sechs sieben acht neun zehn zwolf zwanzig hundert tausend'
  ).split(' '),
);
const FRENCH_ELISION = /^(?:j|l|d|c|qu|n|s|m|t)'[a-z]/;
const ENGLISH_CONTRACTION = /[a-z](?:n't|'m|'re|'ve|'ll|'d)$|^(?:it|that|what|there|here|he|she|let)'s$/;
