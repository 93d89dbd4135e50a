import { describe, expect, it } from 'vitest';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import type { Locale } from '../../src/qualification/types.js';

const extractor = new RulesExtractor(loadPlaybook('champ'), { warmUp: false });
const read = (locale: Locale, text: string) => extractor.read({ text, locale, askedDimension: 'authority', turn: 2, known: {}, history: [] });

/** The job title is its own piece of evidence: the words of the title, whatever the authority fact rests on. */
describe('the visitor’s job title, kept in their own words', () => {
  it.each<[Locale, string, string]>([
    ['fr', 'je suis directeur commercial et je décide', 'directeur commercial'],
    ['fr', 'Je suis la directrice marketing, c’est moi qui signe.', 'directrice marketing'],
    ['fr', 'Bonjour, DAF chez un éditeur de logiciels.', 'DAF'],
    ['fr', 'Je suis responsable marketing chez Acme, le DG valide.', 'responsable marketing'],
    ['fr', 'Je suis stagiaire.', 'stagiaire'],
    ['en', "I'm the Head of Sales and I own the budget.", 'Head of Sales'],
    ['en', 'CEO here, I decide.', 'CEO'],
  ])('%s: %s → %s', (locale, text, title) => {
    expect(read(locale, text).contact.jobTitle).toBe(title);
  });

  it('keeps the authority fact on its own evidence', () => {
    const extraction = read('fr', 'je suis directeur commercial et je décide');
    expect(extraction.facts.find((fact) => fact.dimension === 'authority')?.value).toBe('decision_maker');
    expect(extraction.contact.jobTitle).toBe('directeur commercial');
  });

  it.each<[Locale, string]>([
    ['fr', 'Mon directeur commercial valide.'],
    ['fr', 'Je ne suis pas le gérant.'],
    ['fr', 'Je suis en lien avec le directeur commercial.'],
    ['en', 'Our CEO signs off.'],
    ['en', "I'm meeting the CEO tomorrow."],
  ])('%s: no title of the visitor in "%s"', (locale, text) => {
    expect(read(locale, text).contact.jobTitle).toBeUndefined();
  });
});
