import { expect } from 'vitest';
import type { Extraction } from '../../src/extraction/extractor.js';
import type { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import type { Playbook } from '../../src/playbook/schema.js';
import { absorbFacts, absorbKnockouts, emptyFactSheet } from '../../src/qualification/fact-sheet.js';
import type { Amount, Contact, FactSheet, Locale } from '../../src/qualification/types.js';

/**
 * Table rows for the rules extractor: one visitor message, the question just asked, and what must be read.
 * Shared by the rules-extractor*.test.ts files.
 */

/** What one row expects from the rules extractor. */
export interface Expected {
  /** dimension id → level, or levels for an in-message contradiction. Exact: no other dimension may appear. */
  facts?: Record<string, string | string[]>;
  /** Knockout ids, exact (none when omitted). */
  knockouts?: string[];
  amount?: Partial<Amount>;
  /** Months on the timeline fact: a value (±0.15) or an inclusive range. */
  months?: number | [number, number];
  headcount?: number;
  sector?: RegExp;
  contact?: Contact;
}

export type Row = [locale: Locale, asked: string | undefined, text: string, expected: Expected];

/** Checks one extraction against its row, with the invariants every fact must keep. */
export function checkRow(text: string, extraction: Extraction, expected: Expected, turn: number): void {
  const label = `"${text}"`;
  const got: Record<string, string[]> = {};
  for (const fact of extraction.facts) (got[fact.dimension] ??= []).push(fact.value);
  const want = Object.fromEntries(Object.entries(expected.facts ?? {}).map(([dimension, levels]) => [dimension, [levels].flat().sort()]));
  expect(Object.fromEntries(Object.entries(got).map(([dimension, levels]) => [dimension, levels.sort()])), `facts for ${label}`).toEqual(want);
  expect(extraction.knockouts.map((hit) => hit.id).sort(), `knockouts for ${label}`).toEqual([...(expected.knockouts ?? [])].sort());

  for (const fact of extraction.facts) {
    expect(fact.evidence.length, `evidence for ${label}`).toBeGreaterThan(0);
    expect(text.includes(fact.evidence), `evidence "${fact.evidence}" is verbatim from ${label}`).toBe(true);
    expect(fact.evidence).toBe(fact.evidence.trim());
    expect(fact.confidence).toBeGreaterThan(0);
    expect(fact.confidence).toBeLessThanOrEqual(1);
    expect(fact.source).toBe('rules');
    expect(fact.turn).toBe(turn);
  }
  for (const hit of extraction.knockouts) {
    expect(text.includes(hit.evidence), `knockout evidence "${hit.evidence}" is verbatim from ${label}`).toBe(true);
    expect(hit.source).toBe('rules');
  }
  const byKind = (predicate: (value: unknown) => boolean) => extraction.facts.find((fact) => predicate(fact));
  if (expected.amount) {
    const fact = byKind((fact) => (fact as { amount?: Amount }).amount !== undefined);
    expect(fact?.amount, `amount for ${label}`).toMatchObject(expected.amount);
    if (expected.amount.upTo === undefined) expect(fact?.amount?.upTo, `no range for ${label}`).toBeUndefined();
  }
  if (expected.months !== undefined) {
    const months = byKind((fact) => (fact as { months?: number }).months !== undefined)?.months;
    expect(months, `months for ${label}`).toBeDefined();
    const [low, high] = Array.isArray(expected.months) ? expected.months : [expected.months - 0.15, expected.months + 0.15];
    expect(months!, `months for ${label}`).toBeGreaterThanOrEqual(low);
    expect(months!, `months for ${label}`).toBeLessThanOrEqual(high);
  }
  if (expected.headcount !== undefined) {
    expect(byKind((fact) => (fact as { headcount?: number }).headcount !== undefined)?.headcount, `headcount for ${label}`).toBe(expected.headcount);
  }
  if (expected.sector) {
    expect(byKind((fact) => (fact as { sector?: string }).sector !== undefined)?.sector, `sector for ${label}`).toMatch(expected.sector);
  }
  if (expected.contact) expect(extraction.contact, `contact for ${label}`).toEqual(expected.contact);
}

/** Friday 15 May 2026: "d'ici la rentrée" is then 3.5 months away, "en mars" 9.5. */
export const NOW = new Date(2026, 4, 15, 10, 0, 0);

/** Reads one row's message the way the dialog would (turn 3, nothing known yet). */
export function readRow(extractor: RulesExtractor, locale: Locale, asked: string | undefined, text: string, turn = 3): Extraction {
  return extractor.read({ text, locale, askedDimension: asked, turn, known: {}, history: [] });
}

/** Plays visitor messages (the question asked, the answer) through the extractor and the real fact sheet, as the qualifier does. */
export function playTurns(extractor: RulesExtractor, playbook: Playbook, locale: Locale, turns: [asked: string, text: string][]): FactSheet {
  let sheet = emptyFactSheet();
  turns.forEach(([asked, text], index) => {
    const extraction = extractor.read({ text, locale, askedDimension: asked, turn: index + 1, known: sheet.facts, history: [] });
    sheet = absorbKnockouts(absorbFacts(playbook, sheet, extraction.facts, { askedDimension: asked }), extraction.knockouts);
  });
  return sheet;
}
