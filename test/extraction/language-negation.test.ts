import { describe, expect, it } from 'vitest';
import { carriesNegation, isDeniedRightBefore, isNegated } from '../../src/extraction/rules/text/negation.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';

/**
 * The terms of language/negation.yaml at work: whether a match (the `target` words of a sentence, as a cue
 * would read them) is negated by the words before it in its clause (far_negator, near_negator unless the match
 * starts with a determiner: determiner_start) or right after it (after_negator); and whether matched words
 * carry their own negation (carriesNegation).
 */

/** isNegated for the first occurrence of `target` in `sentence`, within its clause, both folded. */
function negated(sentence: string, target: string): boolean {
  const folded = normalize(sentence);
  const start = folded.indexOf(normalize(target));
  if (start < 0) throw new Error(`"${target}" is not in "${sentence}"`);
  const end = start + target.length;
  const clause = segment(folded).clauses.find((span) => span.start <= start && end <= span.end);
  if (!clause) throw new Error(`"${target}" spans two clauses of "${sentence}"`);
  return isNegated(folded, clause, start, end);
}

type Case = readonly [sentence: string, target: string];

const terms: Record<string, { negated: readonly Case[]; notNegated: readonly Case[] }> = {
  far_negator: {
    negated: [
      ['Je ne suis pas le décideur', 'décideur'],
      ['Je ne suis pas le décideur', 'le décideur'],
      ["I'm not really the one who decides", 'the one'],
      ["We don't have a budget", 'budget'],
      ["On n'a pas encore de budget", 'budget'],
      ['Nobody signs off on it', 'signs'],
      ['Sans budget pour le moment', 'budget'],
      ['We barely have a budget', 'budget'],
    ],
    notNegated: [
      ['Je suis le décideur', 'décideur'],
      ['Notre DG décide', 'décide'],
      ['Pas de souci, je suis le décideur', 'décideur'],
      ["I'm not sure about the timing but I'm the one who decides", 'decides'],
      ['Je ne sais pas trop comment dire mais en gros le budget', 'budget'],
    ],
  },
  near_negator: {
    negated: [
      ['No budget', 'budget'],
      ['Zéro budget', 'budget'],
      ['None budgeted so far', 'budgeted'],
    ],
    notNegated: [
      ["No, I'm the CEO", 'ceo'],
      ['No real budget yet', 'budget'],
      ['Notre budget est validé', 'budget'],
    ],
  },
  after_negator: {
    negated: [
      ['Je décide pas', 'décide'],
      ['Je valide rien', 'valide'],
      ["C'est validé pas encore", 'validé'],
      ['Ça sert à rien', 'ça sert à'],
      ['Je valide jamais seul', 'valide'],
    ],
    notNegated: [
      ['Je décide, pas mon associé', 'décide'],
      ['Je décide passionnément', 'décide'],
      ['Je valide le budget', 'valide'],
    ],
  },
  determiner_start: {
    negated: [
      ['No board approval yet', 'board'],
      ['Je ne suis pas le décideur', 'le décideur'],
    ],
    notNegated: [
      ['No the board decides', 'the board'],
      ["Non c'est mon associé qui décide", "c'est mon associé"],
      ['Non le directeur valide', 'le directeur'],
      ['No my partner does', 'my partner'],
    ],
  },
};

describe('negation (language/negation.yaml) in isNegated', () => {
  for (const [name, { negated: yes, notNegated: no }] of Object.entries(terms)) {
    it.each(yes)(`${name}: "%s" negates "%s"`, (sentence, target) => {
      expect(negated(sentence, target)).toBe(true);
    });
    it.each(no)(`${name}: "%s" does not negate "%s"`, (sentence, target) => {
      expect(negated(sentence, target)).toBe(false);
    });
  }
});

describe('negation (language/negation.yaml) in carriesNegation', () => {
  it.each(['pas de budget', 'no budget', 'aucun budget', "n'a pas de budget", 'nothing planned', "nothing's planned", "we don't have", 'we dont have', 'zero budget', 'none'])(
    '"%s" carries its own negation',
    (matched) => {
      expect(carriesNegation(normalize(matched))).toBe(true);
    },
  );
  it.each(['le budget est validé', 'notre budget', 'passionné', 'nonprofit', 'the board', 'je recommande', 'point de vue'])('"%s" carries none', (matched) => {
    expect(carriesNegation(normalize(matched))).toBe(false);
  });
});

/** isDeniedRightBefore for `target` in `sentence`: is the phrase itself denied (how knockout phrases are read)? */
function denied(sentence: string, target: string): boolean {
  const folded = normalize(sentence);
  const start = folded.indexOf(normalize(target));
  if (start < 0) throw new Error(`"${target}" is not in "${sentence}"`);
  const clause = segment(folded).clauses.find((span) => span.start <= start && start + target.length <= span.end)!;
  return isDeniedRightBefore(folded, clause, start, start + target.length);
}

describe('a phrase denied right before it', () => {
  it.each([
    ['Pas de ticket ouvert chez vous', 'ticket ouvert'],
    ["Nous n'avons aucun SOC", 'SOC'],
    ['no other vendors', 'other vendors'],
    ['not any agency', 'agency'],
    ['it is not a priority', 'priority'],
    ["on n'a pas d'outil", 'outil'],
  ] as const)('"%s" denies "%s"', (sentence, target) => {
    expect(denied(sentence, target)).toBe(true);
  });

  it.each([
    // An inability is not a denial: "à" folds to "a", which is not the English article here.
    ["je n'arrive pas à télécharger mon bulletin", 'télécharger mon bulletin'],
    ['je ne parviens pas à joindre le support', 'joindre le support'],
    // A negated verb before a determiner does not deny its object.
    ['je ne trouve pas mon bulletin de paie', 'mon bulletin de paie'],
    ["I can't find my payslip", 'my payslip'],
  ] as const)('"%s" does not deny "%s"', (sentence, target) => {
    expect(denied(sentence, target)).toBe(false);
  });
});
