import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionInput } from '../../src/extraction/extractor.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/loader.js';
import { NO_USAGE, type Locale } from '../../src/qualification/types.js';

const NOW = new Date(2026, 4, 15, 10, 0, 0);
const champ = loadPlaybook('champ');
let rules: RulesExtractor;

beforeAll(() => {
  rules = new RulesExtractor(champ, { now: () => NOW });
});

function input(text: string, askedDimension?: string, locale: Locale = 'fr', turn = 1): ExtractionInput {
  return { text, locale, askedDimension, turn, known: {}, history: [] };
}

function levels(extractor: RulesExtractor, text: string, asked?: string, locale: Locale = 'fr'): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const fact of extractor.read(input(text, asked, locale)).facts) (result[fact.dimension] ??= []).push(fact.value);
  return result;
}

describe('RulesExtractor as an Extractor', () => {
  it('is named "rules", costs no LLM call and stamps the turn', async () => {
    const extraction = await rules.extract(input('Je suis le gérant, on manque de rendez-vous.', 'authority', 'fr', 7));
    expect(rules.name).toBe('rules');
    expect(extraction.extractor).toBe('rules');
    expect(extraction.usage).toEqual(NO_USAGE);
    expect(extraction.facts.map((fact) => fact.dimension).sort()).toEqual(['authority', 'challenge']);
    expect(extraction.facts.every((fact) => fact.turn === 7 && fact.source === 'rules')).toBe(true);
  });

  it('returns the same extraction from extract() and read()', async () => {
    const text = "I'm the CEO, we have 40k€ and must start in 6 weeks";
    expect(await rules.extract(input(text, undefined, 'en'))).toEqual(rules.read(input(text, undefined, 'en')));
  });
});

describe('confidence', () => {
  const confidenceOf = (text: string, asked: string | undefined, dimension: string) =>
    rules.read(input(text, asked)).facts.filter((fact) => fact.dimension === dimension).map((fact) => fact.confidence);

  it('is about 0.9 for an answer to the asked dimension and about 0.75 for another one', () => {
    expect(confidenceOf('Je suis le gérant.', 'authority', 'authority')).toEqual([0.9]);
    expect(confidenceOf('Je suis le gérant.', 'challenge', 'authority')).toEqual([0.75]);
  });

  it('is 0.6 for a bare "Oui" to the budget question', () => {
    expect(confidenceOf('Oui', 'money', 'money')).toEqual([0.6]);
  });

  it('keeps a weak hint at or below 0.5 outside the asked dimension', () => {
    const values = confidenceOf('Je suis stagiaire.', 'challenge', 'authority');
    expect(values).toHaveLength(1);
    expect(values[0]).toBeLessThanOrEqual(0.5);
  });

  it('gives both sides of an in-message contradiction at least 0.7', () => {
    for (const [text, dimension] of [
      ["Je suis le gérant. Mais c'est ma banque qui décidera si on peut financer.", 'authority'],
      ["On a un budget de 25 000 €, enfin je crois, ce n'est pas encore acté.", 'money'],
    ] as const) {
      const values = confidenceOf(text, 'challenge', dimension);
      expect(values).toHaveLength(2);
      for (const value of values) expect(value).toBeGreaterThanOrEqual(0.7);
    }
  });
});

describe('short answers are read against the asked dimension only', () => {
  it.each([
    ['money', 'Oui.', { money: ['allocated'] }],
    ['money', 'non', { money: ['none'] }],
    ['money', 'je ne sais pas', {}],
    ['money', "I don't know", {}],
    ['authority', 'moi', { authority: ['decision_maker'] }],
    ['authority', "quelqu'un d'autre", { authority: ['influencer'] }],
    ['company', '40', { company: ['in_icp'] }],
    ['company', '6', { company: ['below_icp_size'] }],
    ['prioritization', '6 mois', { prioritization: ['3_to_6_months'] }],
    ['prioritization', 'aucune idée', {}],
    ['challenge', 'Oui.', {}],
    ['money', '40', {}],
    ['authority', '6 mois', {}],
  ])('[%s] "%s"', (asked, text, expected) => {
    expect(levels(rules, text, asked)).toEqual(expected);
  });
});

describe('the injectable clock', () => {
  const timeline = (text: string, now: Date, locale: Locale = 'fr') =>
    new RulesExtractor(champ, { now: () => now }).read(input(text, 'prioritization', locale)).facts[0];

  it('reads "d\'ici la rentrée" as the months until next September', () => {
    expect(timeline("D'ici la rentrée.", new Date(2026, 4, 1))).toMatchObject({ value: '3_to_6_months', months: 4 });
    expect(timeline("D'ici la rentrée.", new Date(2026, 6, 1))).toMatchObject({ value: 'within_3_months', months: 2 });
    expect(timeline("D'ici la rentrée.", new Date(2026, 9, 1))).toMatchObject({ value: 'later', months: 11 });
  });

  it('reads a month name as this year or the next', () => {
    expect(timeline('By March.', new Date(2026, 0, 1), 'en')).toMatchObject({ value: 'within_3_months', months: 2 });
    expect(timeline('En mars.', new Date(2026, 5, 1))).toMatchObject({ value: 'later', months: 9 });
  });

  it('keeps "next year" past six months whatever the month', () => {
    for (const month of [0, 6, 11]) expect(timeline("L'an prochain.", new Date(2026, month, 10))?.value).toBe('later');
  });
});

describe('quick-reply labels typed instead of clicked', () => {
  it.each(['champ', 'bant'])('reads every %s label as its own level', (name) => {
    const playbook = loadPlaybook(name);
    const extractor = new RulesExtractor(playbook, { now: () => NOW });
    for (const dimension of playbook.dimensions) {
      for (const reply of dimension.quickReplies) {
        for (const locale of ['fr', 'en'] as const) {
          const facts = extractor.read(input(reply.label[locale], dimension.id, locale)).facts.filter((fact) => fact.dimension === dimension.id);
          expect(facts.map((fact) => fact.value), `${dimension.id}: "${reply.label[locale]}"`).toEqual([reply.level]);
        }
      }
    }
  });
});

describe('the BANT playbook (same kinds, other ids)', () => {
  const bant = loadPlaybook('bant');
  let bantRules: RulesExtractor;
  beforeAll(() => {
    bantRules = new RulesExtractor(bant, { now: () => NOW });
  });

  it.each([
    ['budget', 'Nous avons 4 000 € par mois de budget prévu.', { budget: ['allocated'] }],
    ['budget', 'Budget en cours de discussion.', { budget: ['possible'] }],
    ['authority', 'Je recommande, mon directeur valide.', { authority: ['influencer'] }],
    ['need', 'Our pipeline is too thin.', { need: ['clear_problem'] }],
    ['timing', 'Sous trois mois.', { timing: ['within_3_months'] }],
    ['timing', 'Next year.', { timing: ['later'] }],
    ['company', 'Éditeur de logiciel, 140 salariés.', { company: ['in_icp'] }],
    [undefined, "I'm the CEO, we have 40k€ and must start in 6 weeks", { authority: ['decision_maker'], budget: ['allocated'], timing: ['within_3_months'] }],
  ])('[%s] %s', (asked, text, expected) => {
    expect(levels(bantRules, text, asked)).toEqual(expected);
  });

  it('reports knockouts under the BANT ids', () => {
    expect(bantRules.read(input('Je suis étudiant, je prépare un mémoire.', 'budget')).knockouts.map((hit) => hit.id)).toEqual(['student']);
    expect(bantRules.read(input('Je suis freelance, je travaille seul.', 'company')).knockouts.map((hit) => hit.id)).toEqual(['below_icp_size']);
  });
});

describe('playbook patterns', () => {
  // CHAMP plus a custom dimension, an extra phrase on a built-in level and a pattern-only knockout.
  const raw = structuredClone(champ) as unknown as Record<string, unknown> & { dimensions: Record<string, unknown>[]; knockouts: Record<string, unknown>[] };
  raw.dimensions.push({
    id: 'crm',
    kind: 'custom',
    description: 'Which CRM the visitor uses.',
    weight: 0,
    question: { fr: 'Quel CRM utilisez-vous ?', en: 'Which CRM do you use?' },
    clarification: { fr: 'Un CRM en particulier ?', en: 'Any CRM in particular?' },
    levels: [
      { id: 'salesforce', points: 0, description: 'Salesforce', patterns: { fr: ['sales ?force'], en: ['sales ?force'] } },
      { id: 'hubspot', points: 0, description: 'HubSpot', patterns: { fr: ['hub ?spot'], en: ['hub ?spot'] } },
    ],
  });
  const challenge = raw.dimensions.find((dimension) => dimension.id === 'challenge') as { levels: Record<string, unknown>[] };
  (challenge.levels[0] as Record<string, unknown>).patterns = { fr: ['nos carnets sont (?:vides|à plat)'], en: ['order books are empty'] };
  raw.knockouts.push({
    id: 'public_sector',
    description: 'Public buyers go through tenders.',
    patterns: { fr: ['appel d.offres? public', 'mairie'], en: ['public tender'] },
    close: { fr: 'Merci, passez par notre page marchés publics.', en: 'Thanks, please see our public tenders page.' },
  });
  const custom = parsePlaybook(raw);
  let customRules: RulesExtractor;
  beforeAll(() => {
    customRules = new RulesExtractor(custom, { now: () => NOW });
  });

  it('reads a custom dimension from its level patterns only', () => {
    expect(levels(customRules, 'On est sur Salesforce depuis 2019.', 'crm')).toEqual({ crm: ['salesforce'] });
    expect(levels(customRules, 'We moved to HubSpot last year.', 'crm', 'en')).toEqual({ crm: ['hubspot'] });
    expect(levels(customRules, 'Un tableur Excel.', 'crm')).toEqual({});
  });

  it('adds level patterns to the built-in lexicon, accents optional', () => {
    expect(levels(rules, 'Nos carnets sont à plat.', 'challenge')).toEqual({});
    expect(levels(customRules, 'Nos carnets sont à plat.', 'challenge')).toEqual({ challenge: ['clear_problem'] });
    expect(levels(customRules, 'NOS CARNETS SONT A PLAT', 'challenge')).toEqual({ challenge: ['clear_problem'] });
    expect(levels(customRules, 'Our order books are empty.', 'challenge', 'en')).toEqual({ challenge: ['clear_problem'] });
  });

  it('fires a knockout from its patterns, with the words as evidence', () => {
    const hits = customRules.read(input('Je travaille pour une mairie, on prépare un appel d’offres public.', 'challenge')).knockouts;
    expect(hits.map((hit) => hit.id)).toEqual(['public_sector']);
    expect(hits[0]?.evidence).toMatch(/mairie/);
  });
});

describe('contact details', () => {
  it.each([
    ['Écrivez-moi à marie.durand@acme.fr, merci.', { email: 'marie.durand@acme.fr' }],
    ['Mon numéro : 06 12 34 56 78', { phone: '06 12 34 56 78' }],
    ['Tel: +33 6 12 34 56 78 / jean@exemple.com', { email: 'jean@exemple.com', phone: '+33 6 12 34 56 78' }],
    ['Reach me at (415) 555-0132 or john@acme.io', { email: 'john@acme.io', phone: '(415) 555-0132' }],
    ['Call +44 20 7946 0958 after 5pm.', { phone: '+44 20 7946 0958' }],
    ['We have 40 000 € and 120 employees.', {}],
  ])('%s', (text, contact) => {
    expect(rules.read(input(text)).contact).toEqual(contact);
  });

  it('never reads a phone number as an amount or a headcount', () => {
    expect(levels(rules, '06 12 34 56 78', 'money')).toEqual({});
    expect(levels(rules, '0612345678', 'company')).toEqual({});
  });
});
