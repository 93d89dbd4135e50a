import type { CueSpec } from '../engine/cue.js';

// Said in both lists below: written once so the two cannot drift apart.
const SAID_WRONG_FR = String.raw`je me suis (?:trompe|trompee|mal exprime|mal exprimee)(?! de (?:site|page|lien|chat|adresse|onglet|conversation|numero|entreprise|societe|bouton))`;
const TYPO_FR = String.raw`(?:erreur|faute) de (?:frappe|saisie|ma part)`;

/**
 * Explicit error markers: the visitor takes back what they just said ("8 employees. Sorry, 80, typo!",
 * "2 000 € par an… pardon, par mois", "next month, scratch that, 9 months"). The later value is meant and
 * the earlier one is no contradiction. Hedges ("well", "enfin", "actually", "en fait") are NOT markers:
 * "I decide… actually my partner must approve" stays a contradiction a person must look at.
 * "Je me suis trompé de site" is the no_need knockout, not a correction.
 */
export const CORRECTION_MARKERS: readonly CueSpec[] = [
  {
    level: 'correction',
    // "Ah non pardon", "no sorry, I meant…": the "no" is part of the correction, it does not negate it.
    ignoreNegation: true,
    fr: [
      String.raw`pardon|oups|autant pour moi|au temps pour moi|je rectifie|je corrige|rectification|correction|coquille|je reformule`,
      SAID_WRONG_FR,
      String.raw`${TYPO_FR}|je (?:voulais|veux) dire|(?:non|ah non),? attendez|(?:non|ah non),? attends|lire plutot`,
      // Mixing two things up: "5 000 €, ah non, je confonds avec le budget communication".
      String.raw`je (?:confonds|confondais|melange|melangeais)|j'ai (?:confondu|melange)`,
    ],
    en: [
      String.raw`sorry|apologies|oops|my bad|my mistake|typo|i mean|i meant|scratch that|strike that|correction|let me correct(?: that| myself)?|i misspoke|i mistyped|disregard that|ignore that`,
      String.raw`no,? wait|wait,? no|(?:or )?rather,? i meant`,
      String.raw`i(?:'m| am| was)? (?:confusing|mixing up|confused|mixed up)(?: (?:it|that|this|things))?(?: up)? with|i (?:confused|mixed up) (?:it|that|this|the two|things)`,
    ],
  },
];

/**
 * Markers that take back an earlier ANSWER, not just a word of this message: "sorry, I meant 80 employees",
 * "pardon, je voulais dire 2 000 € par mois", "correction: we're 80". A fact said with one of them replaces
 * the earlier fact of its dimension instead of contradicting it. A bare "sorry" / "pardon" is not enough
 * ("Sorry, no budget" is an apology, and a changed answer without a marker stays a contradiction), nor are
 * fillers such as "I mean" / "je veux dire".
 */
export const EARLIER_ANSWER_CORRECTIONS: readonly CueSpec[] = [
  {
    level: 'correction',
    ignoreNegation: true,
    fr: [
      String.raw`je voulais dire|${SAID_WRONG_FR}|${TYPO_FR}|autant pour moi|au temps pour moi|je rectifie|je corrige|rectification|correction|coquille|lire plutot|(?:j'ai|je vous ai) (?:mal (?:dit|ecrit|tape|repondu)|dit une betise)|(?:c'etait|c'est) une erreur`,
    ],
    en: [
      String.raw`i meant|i misspoke|i mistyped|typo|my mistake|my bad|correction|scratch that|strike that|let me correct(?: that| myself)?|(?:i|we) (?:should have|should've) said|(?:i|i've) (?:got|had) (?:that|it) wrong|that was (?:a typo|wrong|a mistake)|what i meant (?:was|is)`,
    ],
  },
];
