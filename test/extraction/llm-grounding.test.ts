import { describe, expect, it } from 'vitest';
import { groundExtraction, locateEvidence, normalizeForGrounding, type VisitorMessage } from '../../src/extraction/llm/grounding.js';
import { numberAppearsIn, numbersIn } from '../../src/extraction/llm/numbers-in-text.js';
import type { Fact } from '../../src/qualification/types.js';

const at = (...texts: string[]): VisitorMessage[] => texts.map((text, index) => ({ text, turn: index + 1 }));

function llmFact(dimension: string, value: string, evidence: string, extra: Partial<Fact> = {}): Fact {
  return { dimension, value, evidence, confidence: 0.9, source: 'llm', turn: 9, ...extra };
}

describe('normalizeForGrounding', () => {
  it('ignores case, accents, apostrophe styles, punctuation and whitespace', () => {
    expect(normalizeForGrounding('  Aujourd’hui,\u00a0l’ÉQUIPE   manque de RDV !')).toBe(normalizeForGrounding("aujourd'hui l'equipe manque de rdv"));
    expect(normalizeForGrounding('Cœur de métier')).toBe('coeur de metier');
  });

  it('reads digit groups the same whichever separator is used', () => {
    const forms = ['40 000', '40,000', '40.000', '40\u202f000', '40000'].map(normalizeForGrounding);
    expect(new Set(forms).size).toBe(1);
  });
});

describe('locateEvidence', () => {
  const messages = at('Bonjour, je suis le fondateur', "On n'a pas assez de rendez-vous, c'est urgent");

  it('finds the evidence and returns the turn of the message holding it', () => {
    expect(locateEvidence("on n’a pas assez de rendez-vous", messages)).toBe(2);
    expect(locateEvidence('je suis le FONDATEUR', messages)).toBe(1);
  });

  it('accepts fragments joined by an ellipsis when every fragment is there', () => {
    expect(locateEvidence('pas assez de rendez-vous … urgent', messages)).toBe(2);
    expect(locateEvidence('pas assez de rendez-vous ... très urgent', messages)).toBeUndefined();
  });

  it('rejects evidence that is not there, partial words and empty evidence', () => {
    expect(locateEvidence('nous avons un budget', messages)).toBeUndefined();
    expect(locateEvidence('fond', messages)).toBeUndefined();
    expect(locateEvidence('  … ', messages)).toBeUndefined();
    expect(locateEvidence('', messages)).toBeUndefined();
  });
});

describe('numbersIn', () => {
  it.each([
    ['budget de 40k€', 40000],
    ['about 40K', 40000],
    ['40 000 euros', 40000],
    ['40,000 USD', 40000],
    ['40.000 €', 40000],
    ["40'000 CHF", 40000],
    ['40\u202f000 €', 40000],
    ['1,5k par mois', 1500],
    ['1.5M', 1500000],
    ['2 millions', 2000000],
    ['50 mille euros', 50000],
    ['between 10 and 20k', 10000],
    ['entre 10 et 20k', 10000],
    ['10-20k', 10000],
    ['10-20k', 20000],
    ['we are 12 people', 12],
    ['2.5 FTE', 2.5],
  ])('reads %j as containing %d', (text, value) => {
    expect(numberAppearsIn(value, [text])).toBe(true);
  });

  it.each([
    ['budget de 40k€', 4000],
    ['40 000 euros', 400000],
    ['we are 12 people', 120],
    ['no number here', 0],
    ['in 3 to 6 months', 3000],
  ])('does not read %j as containing %d', (text, value) => {
    expect(numberAppearsIn(value, [text])).toBe(false);
  });

  it('keeps every reading of an ambiguous number', () => {
    const readings = numbersIn('2.500');
    expect(readings.has(2500)).toBe(true);
    expect(readings.has(2.5)).toBe(true);
  });
});

describe('groundExtraction', () => {
  const messages = at('Hi, I am Ana Lopez from Acme, ana.lopez@acme.test', 'We are 40 people and have 40k a year. Call me at +33 6 12 34 56 78');

  it('keeps grounded facts with the turn of their evidence, drops the others with a reason', () => {
    const result = groundExtraction(
      {
        facts: [
          llmFact('company', 'in_icp', 'We are 40 people', { headcount: 40 }),
          llmFact('money', 'allocated', 'have 40k a year', { amount: { value: 40000, currency: 'EUR', period: 'year' } }),
          llmFact('authority', 'decision_maker', 'I am the CEO'),
        ],
        knockouts: [],
        contact: {},
      },
      messages,
    );
    expect(result.facts.map((fact) => [fact.dimension, fact.turn])).toEqual([
      ['company', 2],
      ['money', 2],
    ]);
    expect(result.dropped).toEqual([{ kind: 'fact', id: 'authority', reason: 'evidence_not_found' }]);
  });

  it('drops a fact whose amount, upper bound or headcount the visitor never wrote', () => {
    const result = groundExtraction(
      {
        facts: [
          llmFact('money', 'allocated', 'have 40k a year', { amount: { value: 480000, currency: 'EUR', period: 'year' } }),
          llmFact('money', 'allocated', 'have 40k a year', { amount: { value: 40000, upTo: 60000, currency: 'EUR', period: 'year' } }),
          llmFact('company', 'in_icp', 'We are 40 people', { headcount: 45 }),
        ],
        knockouts: [],
        contact: {},
      },
      messages,
    );
    expect(result.facts).toEqual([]);
    expect(result.dropped.map((item) => item.reason)).toEqual(['number_not_found', 'number_not_found', 'number_not_found']);
  });

  it('drops knockouts without evidence', () => {
    const result = groundExtraction(
      {
        facts: [],
        knockouts: [
          { id: 'student', evidence: 'I am a student', turn: 2, source: 'llm' },
          { id: 'vendor', evidence: 'from Acme', turn: 2, source: 'llm' },
        ],
        contact: {},
      },
      messages,
    );
    expect(result.knockouts).toEqual([{ id: 'vendor', evidence: 'from Acme', turn: 1, source: 'llm' }]);
  });

  it('keeps only contact details the visitor wrote', () => {
    const grounded = groundExtraction({ facts: [], knockouts: [], contact: { email: 'ANA.LOPEZ@acme.test', phone: '06 12 34 56 78', name: 'Ana Lopez' } }, messages);
    expect(grounded.contact).toEqual({ email: 'ANA.LOPEZ@acme.test', phone: '06 12 34 56 78', name: 'Ana Lopez' });
    const invented = groundExtraction({ facts: [], knockouts: [], contact: { email: 'ceo@acme.test', phone: '+44 20 7946 0000', name: 'Bob' } }, messages);
    expect(invented.contact).toEqual({});
    expect(invented.dropped.map((item) => item.id)).toEqual(['email', 'phone', 'name']);
  });
});
