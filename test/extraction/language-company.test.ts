import { describe, expect, it } from 'vitest';
import { cueFile } from '../../src/extraction/rules/engine/cue-file.js';
import type { Reading } from '../../src/extraction/rules/engine/reading.js';
import { SECTOR_PATTERNS } from '../../src/extraction/rules/lexicon/company.js';
import { findNumbers } from '../../src/extraction/rules/numbers/find-numbers.js';
import { readSector } from '../../src/extraction/rules/readers/sector-reader.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';

/**
 * Every row of language/company.yaml `tables.sector_patterns` reads its examples (the row's pattern, compiled as
 * the sector reader compiles it, matches, and readSector finds a sector in the message) and none of its
 * counterexamples (the row's pattern does not match). Each row has at least one of each.
 */

interface Finding {
  where: string;
  sentence: string;
  problem: string;
}

const rows = cueFile('company').tables.sector_patterns ?? [];
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

// As readers/sector-reader.ts compiles each pattern.
const rowRegex = (source: string) => new RegExp(`(?<![a-z0-9-])(?:${source})(?![a-z0-9])`);

// The parts of a Reading the sector reader uses (the message, folded, and its clauses), for an unasked message.
function reading(text: string): Reading {
  const folded = normalize(text);
  const partial = { original: text, folded, segments: segment(folded), numbers: findNumbers(folded), locale: 'en', now: new Date(), corrections: [] };
  return partial as unknown as Reading;
}

function rowFindings(): Finding[] {
  const findings: Finding[] = [];
  rows.forEach((row, index) => {
    const source = SECTOR_PATTERNS[index]!;
    const regex = rowRegex(source);
    const where = `company.yaml tables.sector_patterns[${index}] (${source.slice(0, 40)}…)`;
    const examples = list(row.examples);
    const counterexamples = list(row.counterexamples);
    if (examples.length === 0) findings.push({ where, sentence: '', problem: 'has no example' });
    if (counterexamples.length === 0) findings.push({ where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of examples) {
      if (!regex.test(normalize(sentence))) findings.push({ where, sentence, problem: 'not read by this row' });
      else if (!readSector(reading(sentence), false)) findings.push({ where, sentence, problem: 'no sector read by the sector reader' });
    }
    for (const sentence of counterexamples) {
      const found = regex.exec(normalize(sentence));
      if (found) findings.push({ where, sentence, problem: `read as "${found[0]}"` });
    }
  });
  return findings;
}

const format = (findings: Finding[]) => findings.map((f) => `  ${f.where}: ${f.problem}${f.sentence ? ` — «${f.sentence}»` : ''}`).join('\n');

describe('sector patterns (language/company.yaml)', () => {
  it('has one exported pattern per table row, in order', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(SECTOR_PATTERNS).toEqual(rows.map((row) => row.pattern));
  });

  it("reads every row's examples with that row (and the sector reader finds a sector), and none of its counterexamples", () => {
    const findings = rowFindings();
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });

  it('leaves no placeholder unexpanded', () => {
    for (const pattern of SECTOR_PATTERNS) expect(pattern).not.toMatch(/\{[a-z_]+\}/);
  });
});
