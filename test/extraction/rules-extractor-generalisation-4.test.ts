import { beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/extraction/extractor.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { regionOf } from '../../src/i18n/locale-tags.js';
import type { FactSheet, Locale } from '../../src/qualification/types.js';
import { decide } from '../../src/scoring/scorer.js';
import { checkRow, NOW, playTurns, readRow, type Row } from './rules-table.js';

/**
 * Round 4: categories of mistakes seen on a third blind hold-out set, each covered by wordings of our own
 * (French and English), so the fixes are general and not tuned to the hold-out sentences.
 */

const playbook = loadPlaybook('champ');
/** Thursday 26 November 2026: early next year is ~1.5 months away, the austral summer ends in ~3. */
const LATE_NOVEMBER = new Date(2026, 10, 26, 10, 0, 0);
let extractor: RulesExtractor;
let november: RulesExtractor;

beforeAll(() => {
  extractor = new RulesExtractor(playbook, { now: () => NOW });
  november = new RulesExtractor(playbook, { now: () => LATE_NOVEMBER });
});

/** One message read as the dialog does, with the region of the visitor's locale tag. */
function readIn(reader: RulesExtractor, locale: Locale, region: string | undefined, asked: string | undefined, text: string): Extraction {
  return reader.read({ text, locale, region, askedDimension: asked, turn: 3, known: {}, history: [] });
}

describe('A. seasons follow the visitor’s hemisphere', () => {
  const months = (region: string | undefined, text: string, locale: Locale = 'en') =>
    readIn(november, locale, region, 'prioritization', text).facts.find((fact) => fact.dimension === 'prioritization')?.months;

  it('after the summer is March in the southern hemisphere (en-AU, en-NZ, en-ZA, pt-BR, es-AR)', () => {
    for (const region of ['AU', 'NZ', 'ZA', 'BR', 'AR', 'CL']) expect(months(region, 'After the summer probably.')).toBeCloseTo(3.2, 1);
    expect(months('RE', "Après l'été.", 'fr')).toBeCloseTo(3.2, 1);
  });

  it('summer, autumn, winter and spring move by six months in the south', () => {
    expect(months('AU', 'In the summer.')).toBeCloseTo(1.2, 1); // January
    expect(months('AU', 'In autumn.')).toBeCloseTo(4.2, 1); // April
    expect(months('NZ', 'Over the winter.')).toBeCloseTo(7.2, 1); // July
    expect(months('ZA', 'In spring.')).toBeCloseTo(10.2, 1); // October
  });

  it('traps: northern or unknown regions keep the northern seasons; holidays and "la rentrée" do not move', () => {
    expect(months('GB', 'After the summer probably.')).toBeCloseTo(9.2, 1);
    expect(months(undefined, 'After the summer probably.')).toBeCloseTo(9.2, 1);
    expect(months('US', 'In the spring.')).toBeCloseTo(4.2, 1);
    expect(months('AU', 'After Christmas.')).toBeCloseTo(1.3, 1);
    expect(months('RE', 'À la rentrée.', 'fr')).toBeCloseTo(9.2, 1);
    expect(months('FR', 'Au printemps.', 'fr')).toBeCloseTo(4.2, 1);
  });

  it('reads the region of a locale tag', () => {
    expect(regionOf('en-AU')).toBe('AU');
    expect(regionOf('pt_br')).toBe('BR');
    expect(regionOf('zh-Hant-TW')).toBe('TW');
    expect(regionOf('es-419')).toBe('419');
    expect(regionOf('fr')).toBeUndefined();
    expect(regionOf(undefined)).toBeUndefined();
  });
});

describe('B. early next year counts from today', () => {
  const fact = (reader: RulesExtractor, text: string, locale: Locale) => readIn(reader, locale, undefined, 'prioritization', text).facts.find((f) => f.dimension === 'prioritization');

  it('in late November, early next year is within three months', () => {
    for (const [locale, text] of [
      ['fr', "Début d'année prochaine."],
      ['fr', "Au début de l'année prochaine."],
      ['fr', 'Début 2027.'],
      ['en', 'Early next year.'],
      ['en', 'At the start of next year.'],
      ['en', 'Early 2027.'],
    ] as const) {
      expect(fact(november, text, locale), text).toMatchObject({ value: 'within_3_months' });
      expect(fact(november, text, locale)?.months, text).toBeCloseTo(1.6, 1);
    }
  });

  it('traps: in May early next year is later; a bare next year stays past six months; next year is a year', () => {
    expect(fact(extractor, "Début d'année prochaine.", 'fr')).toMatchObject({ value: 'later' });
    expect(fact(extractor, 'Early next year.', 'en')).toMatchObject({ value: 'later' });
    expect(fact(november, 'En 2027.', 'fr')).toMatchObject({ value: 'later', months: 7 });
    expect(fact(november, 'In 2027.', 'en')).toMatchObject({ value: 'later', months: 7 });
    expect(fact(november, "L'an prochain.", 'fr')).toMatchObject({ value: 'later' });
    expect(fact(november, 'Late next year.', 'en')).toMatchObject({ value: 'later' });
  });
});

// C. A spending freeze is no budget now: next to an approved amount it is a contradiction.
const freeze: Row[] = [
  ['en', 'money', 'We had £10k approved, but finance froze all new spend last week.', { facts: { money: ['allocated', 'none'] }, amount: { value: 10000, currency: 'GBP' } }],
  ['en', 'money', "There's a spending freeze until March.", { facts: { money: 'none' } }],
  ['en', 'money', 'All budgets are frozen right now.', { facts: { money: 'none' } }],
  ['fr', 'money', 'On avait 10 000 € validés, mais la direction a gelé toutes les nouvelles dépenses.', { facts: { money: ['allocated', 'none'] }, amount: { value: 10000 } }],
  ['fr', 'money', 'Gel des dépenses jusqu’à nouvel ordre.', { facts: { money: 'none' } }],
  ['fr', 'money', 'Les budgets sont gelés pour le moment.', { facts: { money: 'none' } }],
  ['fr', 'money', 'On a 12 000 € validés… enfin, la direction vient de geler toutes les nouvelles dépenses.', { facts: { money: ['allocated', 'none'] }, amount: { value: 12000 } }],
  ['fr', 'money', "La direction n'a pas gelé les budgets, c'est validé.", { facts: { money: 'allocated' } }],
  // A hedge on the approval ("approved in principle") is possible, not allocated.
  ['en', 'money', '£8k approved in principle.', { facts: { money: ['allocated', 'possible'] }, amount: { value: 8000 } }],
  // Traps: another freeze, a negated freeze, frozen goods.
  ['en', 'money', "There's a hiring freeze, but the budget is approved.", { facts: { money: 'allocated' } }],
  ['en', 'money', "The budget isn't frozen.", {}],
  ['en', 'company', 'Frozen food distributor, 80 staff.', { facts: { company: 'in_icp' }, headcount: 80 }],
  ['fr', 'money', 'Gel des embauches, mais le budget est validé.', { facts: { money: 'allocated' } }],
  ['fr', 'money', "Le budget n'est pas gelé.", {}],
  ['fr', 'company', 'Distributeur de surgelés, 80 salariés.', { facts: { company: 'in_icp' }, headcount: 80 }],
];

// D. Nothing this year, money in next (fiscal) year's budget: possible, one answer.
const nextBudget: Row[] = [
  ['en', 'money', "Nothing this year. We'd put it in next fiscal year's budget.", { facts: { money: 'possible' } }],
  ['en', 'money', 'We could include it in the next financial year budget.', { facts: { money: 'possible' } }],
  ['en', 'money', 'Nothing this year.', { facts: { money: 'none' } }],
  ['fr', 'money', "Rien cette année. On le mettrait au budget de l'exercice suivant.", { facts: { money: 'possible' } }],
  ['fr', 'money', "Ce sera sur le budget de l'an prochain.", { facts: { money: 'possible' } }],
  ['fr', 'money', 'Rien cette année.', { facts: { money: 'none' } }],
  // Traps: the fiscal year as a timeline or as what a budget is for, not a later budget.
  // (April seen from 15 May: later; no money read from "next fiscal year" alone.)
  ['en', 'prioritization', 'Next fiscal year, so April.', { facts: { prioritization: 'later' }, months: [10, 11] }],
  ['en', 'challenge', 'Nothing this year has worked, we need more meetings.', { facts: { challenge: 'clear_problem' } }],
];

// E. Authority: Belgian "administrateur délégué" (CEO); who decides varies ("parfois moi, parfois le conseil").
const authority: Row[] = [
  ['fr', 'authority', 'Je suis administrateur délégué.', { facts: { authority: 'decision_maker' } }],
  ['fr', 'authority', 'Administratrice déléguée de la société.', { facts: { authority: 'decision_maker' } }],
  ['fr', 'authority', "Ça dépend. Parfois c'est moi, parfois ça passe au conseil d'administration.", { facts: { authority: ['decision_maker', 'influencer'] } }],
  ['fr', 'authority', 'Des fois je décide, des fois c’est le comité de direction.', { facts: { authority: ['decision_maker', 'influencer'] } }],
  ['en', 'authority', 'Sometimes it’s me, sometimes it goes to the board.', { facts: { authority: ['decision_maker', 'influencer'] } }],
  ['en', 'authority', 'Sometimes the CFO, sometimes me.', { facts: { authority: ['decision_maker', 'influencer'] } }],
  ['en', 'authority', "Sales ops manager, I'd put together a recommendation.", { facts: { authority: 'influencer' } }],
  ['en', 'authority', "I'm the office manager, I just pass things on.", { facts: { authority: 'no_role' } }],
  // Traps: a board member is not the CEO; a partner who sometimes decides is a peer; another manager stays a hint of influence.
  ['fr', 'authority', "Je siège au conseil d'administration.", {}],
  ['en', 'authority', "I'm the sales manager.", { facts: { authority: 'influencer' } }],
  ['fr', 'authority', 'Parfois je décide seul.', { facts: { authority: 'decision_maker' } }],
];

// F. A headcount that counts the visitor in: "on est 6 avec moi", "we're 6 including me" (the scorer knocks a
// headcount below the ICP out, see the conversation test below).
const headcounts: Row[] = [
  ['fr', 'company', 'PME en rénovation, on est 6 avec moi.', { facts: { company: 'below_icp_size' }, headcount: 6 }],
  ['fr', 'company', 'On est 7 en me comptant.', { facts: { company: 'below_icp_size' }, headcount: 7 }],
  ['en', 'company', "Landscaping business, we're 6 including me.", { facts: { company: 'below_icp_size' }, headcount: 6 }],
  ['fr', 'company', 'On est 60 avec moi.', { facts: { company: 'in_icp' }, headcount: 60 }],
  // Traps: a count given with its unit wins; a sales team is not the company.
  ['fr', 'company', 'Une PME de 45 salariés, on est 6 avec moi au commercial.', { facts: { company: 'in_icp' }, headcount: 45 }],
  ['en', 'company', "We're 120 people, I work with 6 reps.", { facts: { company: 'in_icp' }, headcount: 120 }],
];

// G. Challenge: prospecting done alone and no time left (Québec "pu" = plus); more contracts.
const challenge: Row[] = [
  ['fr', 'challenge', "C'est moi qui fais toute la sollicitation pis j'ai pu le temps.", { facts: { challenge: 'clear_problem' } }],
  ['fr', 'challenge', "Je fais toute la prospection moi-même et je n'ai plus le temps.", { facts: { challenge: 'clear_problem' } }],
  ['fr', 'challenge', "J'ai pu le temps de faire de la sollicitation.", { facts: { challenge: 'clear_problem' } }],
  ['fr', 'challenge', 'On a besoin de plus de contrats avec les gestionnaires immobiliers.', { facts: { challenge: 'clear_problem' } }],
  ['en', 'challenge', "I do all the prospecting myself and I've run out of time.", { facts: { challenge: 'clear_problem' } }],
  ['en', 'challenge', "I'm doing the outreach on my own but I don't have the time anymore.", { facts: { challenge: 'clear_problem' } }],
  ['en', 'challenge', 'We need more contracts with property managers.', { facts: { challenge: 'clear_problem' } }],
  // Traps: no time for this chat, "j'ai pu" = I could, contracts signed in the past.
  ['fr', 'challenge', "Je n'ai pas le temps de vous parler maintenant.", {}],
  ['fr', 'challenge', "J'ai pu le faire l'an dernier.", {}],
  ['fr', 'challenge', "On a signé des contrats l'an dernier, ça va.", {}],
  ['en', 'challenge', "I don't have time to talk right now.", {}],
];

// H. Money left to the price or a discussion: possible.
const moneyPossible: Row[] = [
  ['fr', 'money', 'On verra selon le prix.', { facts: { money: 'possible' } }],
  ['fr', 'money', 'En fonction du devis.', { facts: { money: 'possible' } }],
  ['fr', 'money', 'Ça se discute.', { facts: { money: 'possible' } }],
  ['en', 'money', 'Could be discussed.', { facts: { money: 'possible' } }],
  ['en', 'money', "We'll see, depending on the price.", { facts: { money: 'possible' } }],
  ['en', 'money', "It's negotiable.", { facts: { money: 'possible' } }],
  // Traps: the market price, a price list, in another answer.
  ['fr', 'challenge', 'On vend selon le prix du marché, et on manque de rendez-vous.', { facts: { challenge: 'clear_problem' } }],
  ['en', 'challenge', 'We compete on price, depending on the price of steel, and we need more meetings.', { facts: { challenge: 'clear_problem' } }],
];

const tables: [string, Row[]][] = [
  ['C. spending freeze', freeze],
  ['D. later budget', nextBudget],
  ['E. authority', authority],
  ['F. headcount with the visitor', headcounts],
  ['G. challenge', challenge],
  ['H. money possible', moneyPossible],
];

describe('RulesExtractor, round-4 categories', () => {
  for (const [name, rows] of tables) {
    describe(name, () => {
      it.each(rows)('[%s, asked %s] %s', (locale, asked, text, expected) => {
        checkRow(text, readRow(extractor, locale, asked, text), expected, 3);
      });
    });
  }
});

const converse = (locale: Locale, turns: [asked: string, text: string][], reader = extractor): FactSheet => playTurns(reader, playbook, locale, turns);

describe('across turns (round 4)', () => {
  it('curiosity said in another answer neither contradicts nor overrides a clear problem', () => {
    const en = converse('en', [
      ['challenge', "Our pipeline's been thin this year."],
      ['authority', "I'm the office manager, just gathering info for the directors."],
    ]);
    expect(en.contradictions).toEqual({});
    expect(en.facts.challenge?.value).toBe('clear_problem');
    const fr = converse('fr', [
      ['challenge', 'On manque de rendez-vous qualifiés.'],
      ['authority', 'Je me renseigne pour mon directeur.'],
    ]);
    expect(fr.contradictions.challenge).toBeUndefined();
    expect(fr.facts.challenge?.value).toBe('clear_problem');
  });

  it('trap: curiosity in the answer to the challenge question itself still contradicts a problem said before', () => {
    const sheet = converse('en', [
      ['company', 'We need more meetings, 80 staff.'],
      ['challenge', 'Honestly just browsing.'],
    ]);
    expect(sheet.contradictions.challenge?.values.sort()).toEqual(['clear_problem', 'vague_interest']);
  });

  it('a correction in a later turn replaces the earlier fact, no contradiction', () => {
    const en = converse('en', [
      ['company', 'Logistics company, 8 employees.'],
      ['authority', "Sorry, I meant 80 employees. I'm the COO."],
    ]);
    expect(en.contradictions).toEqual({});
    expect(en.facts.company).toMatchObject({ value: 'in_icp', headcount: 80 });
    expect(decide(playbook, { ...en, complete: false }).route).not.toBe('disqualify');
    const fr = converse('fr', [
      ['money', '200 € par mois.'],
      ['prioritization', 'Pardon, je voulais dire 2 000 € par mois. Et on démarre le mois prochain.'],
    ]);
    expect(fr.contradictions).toEqual({});
    expect(fr.facts.money).toMatchObject({ value: 'allocated', amount: { value: 2000, period: 'month' } });
  });

  it('traps: a different later answer without a marker, or with a bare apology, stays a contradiction', () => {
    const plain = converse('en', [
      ['money', 'Yes, $4k a month, approved.'],
      ['prioritization', 'Next month. We have no budget though.'],
    ]);
    expect(plain.contradictions.money?.values.sort()).toEqual(['allocated', 'none']);
    const apology = converse('fr', [
      ['money', 'Oui, 3 000 € par mois validés.'],
      ['prioritization', "Désolé du retard. Pardon, mais en fait on n'a pas de budget."],
    ]);
    expect(apology.contradictions.money?.values.sort()).toEqual(['allocated', 'none']);
  });

  it('an approved amount then a spending freeze is ambiguous for a person to check', () => {
    const sheet = converse('en', [
      ['challenge', 'Our lead gen has stalled.'],
      ['company', 'Building services contractor, 60 staff.'],
      ['authority', "Commercial Director, it's my call."],
      ['money', "We've got £10k approved. Actually finance froze all new spend last week."],
      ['prioritization', 'In about 4 months.'],
    ]);
    const decision = decide(playbook, { ...sheet, complete: true });
    expect(decision).toMatchObject({ route: 'handoff', handoffReason: 'ambiguous' });
  });

  it('six people counting the visitor knocks the lead out', () => {
    for (const [locale, text] of [
      ['fr', 'PME en rénovation commerciale, on est 6 avec moi.'],
      ['en', "Renovation contractor, we're 6 including me."],
    ] as const) {
      const sheet = converse(locale, [['company', text]]);
      expect(decide(playbook, { ...sheet, complete: false }).route, text).toBe('disqualify');
    }
  });

  it('the southern summer ends in February: "after the summer" from Sydney is 3–6 months', () => {
    const extraction = readIn(november, 'en', 'AU', 'prioritization', 'After the summer, probably.');
    expect(extraction.facts[0]).toMatchObject({ value: '3_to_6_months' });
  });
});
