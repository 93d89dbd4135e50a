import type { DimensionKind } from '../../../playbook/schema.js';
import { NEED_RESULTS } from './need.js';

/**
 * Whole-message answers read against the question just asked ("Oui" to the budget question,
 * "moi" to the authority question). Each pattern must match the entire folded answer, punctuation
 * and polite fillers aside. `level: null` means "unclear": no fact.
 */
export interface ShortAnswer {
  kind: Exclude<DimensionKind, 'custom'>;
  pattern: string;
  level: string | null;
  confidence: number;
  months?: number;
}

const YES = String.raw`oui|yes|yep|yeah|yup|ouais|absolument|absolutely|bien sur|of course|tout a fait|certainement|certainly|definitely|affirmatif|sure|oui oui|oui bien sur|yes we do|oui on a|yes we have|on a|we have|c'est le cas`;
const NO = String.raw`non|no|nope|nan|pas du tout|not at all|negatif|non pas encore|pas encore|not yet|no not yet|non pas vraiment|not really|pas vraiment`;
const MAYBE = String.raw`peut-etre|peut etre|maybe|possibly|possiblement|perhaps|probablement|probably|possible|potentiellement`;
const TERSE_NEED = String.raw`(?:more|plus de|davantage de|des|de nouveaux|de nouvelles|new|nouveaux|nouvelles|de meilleurs|better|enough|assez de)? ?(?:(?:qualified|b2b|sales|good|bons|vrais) )?${NEED_RESULTS}(?: (?:qualifies|qualifiees|qualified|b2b|surtout|mainly|mostly|avant tout|please|mostly))*`;
const UNCLEAR = String.raw`je ne sais pas|je sais pas|sais pas|j'sais pas|chais pas|aucune idee|pas d'idee|no idea|i don't know|i dont know|idk|dunno|not sure|pas sur|hard to say|difficile a dire|bonne question|good question|ca depend|it depends|depends|that depends|hmm+|euh+|bof|je ne saurais (?:pas )?(?:vous )?(?:le )?dire|je ne peux pas (?:vous )?(?:le )?dire|hard to tell|c'est complique|no comment|pas de commentaire|\?+`;

export const SHORT_ANSWERS: readonly ShortAnswer[] = [
  { kind: 'budget', pattern: YES, level: 'allocated', confidence: 0.6 },
  { kind: 'budget', pattern: String.raw`${NO}|rien|nothing|none|aucun|aucune|zero|0|nada|que dalle|nil`, level: 'none', confidence: 0.8 },
  { kind: 'budget', pattern: MAYBE, level: 'possible', confidence: 0.6 },
  { kind: 'authority', pattern: String.raw`moi|me|myself|moi-meme|moi meme|c'est moi|it's me|its me|i do|moi evidemment|me obviously|moi bien sur|me of course|oui moi|yes me|moi seul|moi seule|me alone|only me|just me|juste moi|moi uniquement|moi directement|directement moi|i decide|je decide`, level: 'decision_maker', confidence: 0.8 },
  { kind: 'authority', pattern: String.raw`quelqu'un d'autre|someone else|somebody else|not me|pas moi|(?:mon|ma|notre|le|la|my|our|the) (?:boss|chef|cheffe|patron|patronne|manager|directeur|directrice|dg|pdg|ceo|cfo|daf|coo|associe|associee|n\+1|direction|board|conseil|president|hierarchie|management|superieur|superieure|partner|partners|co-?founders?|associes|comite(?: de direction)?|codir|comex|committee|conseil(?: d'administration)?|direction generale|founders|fondateurs)|la direction|le comite de direction|les associes|les deux|both|both of us|ensemble|together|a plusieurs|collectively|nous|us|we do|on decide ensemble|we decide together|en equipe|as a team`, level: 'influencer', confidence: 0.75 },
  { kind: 'authority', pattern: String.raw`aucun|aucune|none|aucun role|no role|rien|nothing|personne|no one|nobody|none really|aucun vraiment`, level: 'no_role', confidence: 0.75 },
  { kind: 'authority', pattern: String.raw`(?:le |la |the |final |le seul |la seule |the only |the sole )?(?:decideur|decideuse|decisionnaire|decision[- ]?maker|budget (?:owner|holder)|signataire|signatory)(?: final| finale)?`, level: 'decision_maker', confidence: 0.8 },
  { kind: 'authority', pattern: String.raw`(?:un |une |an |the )?(?:influenceur|influenceuse|prescripteur|prescriptrice|recommender|influencer|recommandation|recommendation|je recommande|i recommend|je conseille|i advise|force de proposition)`, level: 'influencer', confidence: 0.75 },
  { kind: 'timeline', pattern: String.raw`now|maintenant|right now|today|aujourd'hui|tout de suite|yesterday|hier|immediately|immediatement|urgent|asap`, level: 'within', months: 0.5, confidence: 0.9 },
  { kind: 'timeline', pattern: String.raw`soon|bientot|prochainement|rapidement|vite|quickly|shortly`, level: 'within', months: 2, confidence: 0.6 },
  { kind: 'timeline', pattern: String.raw`${NO}|never|jamais|later|plus tard|pas de date|no date|aucune|none|nothing|rien`, level: 'later', confidence: 0.75 },
  { kind: 'need', pattern: String.raw`${NO}|rien|nothing|none|aucun|aucune|rien de special|nothing special|pas grand chose|not much`, level: 'none', confidence: 0.75 },
  { kind: 'need', pattern: MAYBE, level: 'vague_interest', confidence: 0.6 },
  // A terse answer naming what they lack: "Meetings.", "Des rendez-vous qualifiés, surtout.", "more leads pls".
  { kind: 'need', pattern: TERSE_NEED, level: 'clear_problem', confidence: 0.75 },
  // Unclear, for every kind: the dialog asks its one clarification.
  { kind: 'budget', pattern: UNCLEAR, level: null, confidence: 0 },
  { kind: 'authority', pattern: UNCLEAR, level: null, confidence: 0 },
  { kind: 'timeline', pattern: UNCLEAR, level: null, confidence: 0 },
  { kind: 'need', pattern: UNCLEAR, level: null, confidence: 0 },
  { kind: 'company', pattern: UNCLEAR, level: null, confidence: 0 },
];

/** Politeness and filler around a short answer ("Oui, merci !", "hmm no", "yes lol"). */
export const FILLER = String.raw`oui|yes|yeah|merci|thanks|thank you|thx|pls|please|svp|stp|lol|tbh|honnetement|honestly|franchement|euh|hmm|ben|bah|bon|well|so|alors|ok|okay|ah|oh|en fait|actually|obviously|evidemment|bien sur|really|vraiment|je pense|i think|i guess|je crois|pour l'instant|for now|pour le moment|at the moment|yet|encore`;
