import { describe, expect, it } from 'vitest';
import { DIMENSION_KINDS } from '../../src/dimensions/index.js';
import { cueFile } from '../../src/extraction/rules/engine/cue-file.js';
import { SHORT_ANSWERS } from '../../src/extraction/rules/lexicon/short-answers.js';
import { readShortAnswer } from '../../src/extraction/rules/readers/short-answers.js';
import { indexWords } from '../../src/extraction/rules/engine/phrases.js';
import { VocabularyReader } from '../../src/extraction/rules/engine/vocabulary.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';

/**
 * Every row of language/short-answers.yaml `tables.short_answers` reads its examples as a whole answer to its
 * kind's question (readShortAnswer returns that very row: the first of its kind that matches), and none of its
 * counterexamples gives its level. Each row has at least one of each.
 */

interface Finding {
  where: string;
  sentence: string;
  problem: string;
}

const file = cueFile('short-answers');
const rows = file.tables.short_answers ?? [];
const EMPTY = { fr: [], en: [] };
// Rows naming the {results} slot read the playbook's words: the file's example vocabulary stands for them.
const vocabulary = new VocabularyReader(file.exampleVocabulary ?? { problems: EMPTY, results: EMPTY, offer: EMPTY });
const marked = (sentence: string) => {
  const folded = normalize(sentence);
  return vocabulary.read(folded, indexWords(folded)).marked ?? folded;
};
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function rowFindings(): Finding[] {
  const findings: Finding[] = [];
  rows.forEach((row, index) => {
    const answer = SHORT_ANSWERS[index]!;
    const where = `short-answers.yaml tables.short_answers[${index}] (${answer.kind} → ${answer.level ?? 'unclear'})`;
    const examples = list(row.examples);
    const counterexamples = list(row.counterexamples);
    if (examples.length === 0) findings.push({ where, sentence: '', problem: 'has no example' });
    if (counterexamples.length === 0) findings.push({ where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of examples) {
      const read = readShortAnswer(answer.kind, marked(sentence));
      if (read !== answer) findings.push({ where, sentence, problem: read ? `read by another row (${read.level ?? 'unclear'}: ${read.pattern.slice(0, 40)}…)` : 'not read' });
    }
    for (const sentence of counterexamples) {
      const read = readShortAnswer(answer.kind, marked(sentence));
      if (read && read.level === answer.level) findings.push({ where, sentence, problem: `read as ${read.level ?? 'unclear'}` });
    }
  });
  return findings;
}

const format = (findings: Finding[]) => findings.map((f) => `  ${f.where}: ${f.problem}${f.sentence ? ` — «${f.sentence}»` : ''}`).join('\n');

describe('short answers (language/short-answers.yaml)', () => {
  it('answers only questions of kinds the engine knows', () => {
    for (const answer of SHORT_ANSWERS) expect(DIMENSION_KINDS.has(answer.kind), answer.kind).toBe(true);
  });

  it('has one exported answer per table row, in order', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(SHORT_ANSWERS).toHaveLength(rows.length);
    rows.forEach((row, index) => expect([row.kind, row.level]).toEqual([SHORT_ANSWERS[index]!.kind, SHORT_ANSWERS[index]!.level]));
  });

  it('reads every row\'s examples as that row, and none of its counterexamples as its level', () => {
    const findings = rowFindings();
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });

  it('expands every macro of the file', () => {
    const names = Object.keys(cueFile('short-answers').macros);
    for (const answer of SHORT_ANSWERS) for (const name of names) expect(answer.pattern).not.toContain(`{${name}}`);
  });

  it('reads an answer only against its own kind', () => {
    expect(readShortAnswer('budget', 'oui')?.level).toBe('allocated');
    expect(readShortAnswer('need', 'oui')).toBeUndefined();
    expect(readShortAnswer('company', 'oui')).toBeUndefined();
    expect(readShortAnswer('custom', 'oui')).toBeUndefined();
  });
});
