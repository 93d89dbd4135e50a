import { describe, expect, it } from 'vitest';
import { indexWords, PhraseMatcher } from '../../src/extraction/rules/engine/phrases.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';

/** How a playbook's words and short phrases are found in a message (engine/phrases.ts, language/phrases.yaml). */
function said(phrase: string, message: string, locale: 'fr' | 'en'): boolean {
  const matcher = new PhraseMatcher([{ id: 'level', phrases: { fr: [], en: [], [locale]: [phrase] } }]);
  return matcher.find(indexWords(normalize(message))).length > 0;
}

describe('phrase matching', () => {
  it.each([
    ['en', 'compare vendors', 'we are comparing three vendors'],
    ['en', 'compare vendors', 'comparing 3 vendors right now'],
    ['fr', 'comparer des prestataires', 'on compare 2 prestataires'],
    ['fr', 'alertes sécurité', 'trop d\'alertes de sécurité'],
    ['en', 'my payslip', 'where is my latest payslip?'],
    ['fr', 'décrocher de nouveaux clients', 'décrocher trois nouveaux clients'],
  ] as const)('%s "%s" reads "%s"', (locale, phrase, message) => {
    expect(said(phrase, message, locale)).toBe(true);
  });

  it.each([
    // A figure inside a phrase is something the phrase does not say: a target, not just "more clients".
    ['fr', 'décrocher de nouveaux clients', 'Décrocher 12 nouveaux clients.'],
    ['en', 'win new customers', 'win 40 new customers this year'],
    // A leading possessive says whose thing it is.
    ['en', 'my payslip', 'our payslips are full of errors'],
    // A month is only itself.
    ['fr', 'marchés', 'on démarre en mars'],
    // "other vendors" is not "vendors" when the phrase does not allow it.
    ['en', 'payroll software', 'payroll is done in a spreadsheet, no software'],
  ] as const)('%s "%s" does not read "%s"', (locale, phrase, message) => {
    expect(said(phrase, message, locale)).toBe(false);
  });
});

describe('possessives in phrases', () => {
  it.each([
    ['en', 'download my payslip', 'I cannot download my payslip'],
    ['fr', 'mon bulletin', 'où sont mes bulletins ?'],
    ['en', 'carer for my mother', 'we need a carer for my mother'],
  ] as const)('%s "%s" reads "%s"', (locale, phrase, message) => {
    expect(said(phrase, message, locale)).toBe(true);
  });

  it.each([
    ['en', 'download my payslip', 'we want employees to download their payslips'],
    ['en', 'carer for my', 'a home care agency with 200 carers and payroll takes days'],
    ['fr', 'télécharger mon bulletin', 'nos salariés doivent télécharger leurs bulletins'],
  ] as const)('%s "%s" does not read "%s"', (locale, phrase, message) => {
    expect(said(phrase, message, locale)).toBe(false);
  });
});
