import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findCorrections } from '../../src/extraction/rules/engine/corrections.js';
import { cueFile } from '../../src/extraction/rules/engine/cue-file.js';
import { indexWords } from '../../src/extraction/rules/engine/phrases.js';
import { clauseOf, sentenceOf, type Reading } from '../../src/extraction/rules/engine/reading.js';
import { CURRENCIES, PERIODS } from '../../src/extraction/rules/lexicon/money.js';
import { findNumbers } from '../../src/extraction/rules/numbers/find-numbers.js';
import { readAmounts, type AmountMatch } from '../../src/extraction/rules/readers/amount-reader.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';

/**
 * The tables of language/money.yaml: every row reads its examples and none of its counterexamples.
 * - `currencies`: through the amount reader (readAmounts, which tries the rows in order): an example must give
 *   an amount in the row's currency, a counterexample none in it. The default currency is one no row has, so
 *   an amount without currency words never counts.
 * - `periods`: through the row's own regexes, on the text the amount reader gives them (after the first amount,
 *   to the end of its clause and a little beyond; before it, within its sentence); an example must also get
 *   the row's period from the reader (a quarterly amount is read as a yearly one). A counterexample must match
 *   neither of the row's regexes.
 */

const NO_CURRENCY = 'XXX';

interface Finding {
  where: string;
  sentence: string;
  problem: string;
}

const rowSpecs = z.object({ examples: z.array(z.string().min(1)).default([]), counterexamples: z.array(z.string().min(1)).default([]) });

function readingOf(text: string): Reading {
  const folded = normalize(text);
  const segments = segment(folded);
  return {
    original: text,
    folded,
    segments,
    numbers: findNumbers(folded),
    locale: 'fr',
    now: new Date('2025-01-15T12:00:00Z'),
    corrections: findCorrections(folded, segments),
    words: indexWords(folded),
    // No playbook here: the amount reader does not use its vocabulary.
    vocabulary: [],
  };
}

const describeAmounts = (amounts: readonly AmountMatch[]) => (amounts.length === 0 ? 'no amount' : amounts.map((match) => `${match.amount.value} ${match.amount.currency} ${match.amount.period}`).join(', '));

function currencyFindings(): Finding[] {
  const findings: Finding[] = [];
  const rows = cueFile('money').tables.currencies ?? [];
  expect(rows.map((row) => row.code)).toEqual(CURRENCIES.map((currency) => currency.code));
  rows.forEach((row, index) => {
    const { examples, counterexamples } = rowSpecs.parse(row);
    const code = CURRENCIES[index]!.code;
    const where = `money.yaml tables.currencies[${index}] (${code})`;
    if (examples.length === 0) findings.push({ where, sentence: '', problem: 'has no example' });
    if (counterexamples.length === 0) findings.push({ where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of examples) {
      const amounts = readAmounts(readingOf(sentence), NO_CURRENCY, false);
      if (!amounts.some((match) => match.amount.currency === code)) findings.push({ where, sentence, problem: `example read as ${describeAmounts(amounts)}` });
    }
    for (const sentence of counterexamples) {
      const amounts = readAmounts(readingOf(sentence), NO_CURRENCY, false);
      if (amounts.some((match) => match.amount.currency === code)) findings.push({ where, sentence, problem: `counterexample read as ${describeAmounts(amounts)}` });
    }
  });
  return findings;
}

/** Whether the row's own regexes match around the first amount of the sentence, as the amount reader tries them. */
function periodRegexMatches(period: (typeof PERIODS)[number], reading: Reading, amount: AmountMatch): boolean {
  const clause = clauseOf(reading, amount.start);
  const after = reading.folded.slice(amount.end, Math.min(reading.folded.length, Math.max(clause.end, amount.end) + 30));
  const before = reading.folded.slice(Math.max(sentenceOf(reading, amount.start).start, amount.start - 40), amount.start);
  return period.after.test(after) || (period.before?.test(before) ?? false);
}

function periodFindings(): Finding[] {
  const findings: Finding[] = [];
  const rows = cueFile('money').tables.periods ?? [];
  expect(rows.map((row) => row.period)).toEqual(PERIODS.map((period) => period.period));
  rows.forEach((row, index) => {
    const { examples, counterexamples } = rowSpecs.parse(row);
    const period = PERIODS[index]!;
    const where = `money.yaml tables.periods[${index}] (${period.period})`;
    const readerPeriod = period.period === 'quarter' ? 'year' : period.period;
    if (examples.length === 0) findings.push({ where, sentence: '', problem: 'has no example' });
    if (counterexamples.length === 0) findings.push({ where, sentence: '', problem: 'has no counterexample' });
    for (const sentence of examples) {
      const reading = readingOf(sentence);
      const amount = readAmounts(reading, NO_CURRENCY, true)[0];
      if (!amount) findings.push({ where, sentence, problem: 'example: no amount read' });
      else if (!periodRegexMatches(period, reading, amount)) findings.push({ where, sentence, problem: 'example not matched by the row' });
      else if (amount.amount.period !== readerPeriod) findings.push({ where, sentence, problem: `example read as ${describeAmounts([amount])}` });
    }
    for (const sentence of counterexamples) {
      const reading = readingOf(sentence);
      const amount = readAmounts(reading, NO_CURRENCY, true)[0];
      if (!amount) findings.push({ where, sentence, problem: 'counterexample: no amount read' });
      else if (periodRegexMatches(period, reading, amount)) findings.push({ where, sentence, problem: 'counterexample matched by the row' });
    }
  });
  return findings;
}

const format = (findings: Finding[]) => findings.map((f) => `  ${f.where}: ${f.problem}${f.sentence ? ` — «${f.sentence}»` : ''}`).join('\n');

describe('language/money.yaml tables: every row reads its examples and none of its counterexamples', () => {
  it('currencies (through the amount reader)', () => {
    const findings = currencyFindings();
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });

  it("periods (through the row's own regexes, and the reader's period)", () => {
    const findings = periodFindings();
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });
});
