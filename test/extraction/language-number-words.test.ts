import { describe, expect, it } from 'vitest';
import { cueFile } from '../../src/extraction/rules/engine/cue-file.js';
import { NUMBER_WORD_VALUES, NUMBER_WORDS } from '../../src/extraction/rules/lexicon/number-words.js';
import { findNumbers } from '../../src/extraction/rules/numbers/find-numbers.js';
import { parseNumberWords } from '../../src/extraction/rules/numbers/number-words-parser.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';

/**
 * The tables of language/number-words.yaml, row by row:
 * - number_words: through findNumbers (the function that uses the table), an example holds a number with the
 *   row's value and kind ("article" for `article` rows) read from the row's own words; a counterexample holds
 *   none (another reading wins, or the words are not there: "une quarantaine" vs "en quarantaine").
 * - number_word_values: each word alone is parsed as the row's value by the number-words parser.
 */

const FILE = cueFile('number-words');

interface Row {
  examples?: string[];
  counterexamples?: string[];
}

function rows(table: string): Row[] {
  const found = FILE.tables[table];
  if (!found) throw new Error(`number-words.yaml: no table ${table}`);
  return found as Row[];
}

describe('number-words.yaml number_words: each row reads its examples and none of its counterexamples (findNumbers)', () => {
  it.each(rows('number_words').map((row, index) => [`number_words[${index}] ${NUMBER_WORDS[index]!.phrase}`, row, index] as const))('%s', (_where, row, index) => {
    const word = NUMBER_WORDS[index]!;
    const own = new RegExp(`^(?:${word.phrase})$`);
    const read = (sentence: string) => {
      const folded = normalize(sentence);
      return findNumbers(folded).filter((token) => token.value === word.value && token.kind === (word.article ? 'article' : 'words') && own.test(folded.slice(token.start, token.end)));
    };
    expect(row.examples?.length, 'examples').toBeGreaterThan(0);
    expect(row.counterexamples?.length, 'counterexamples').toBeGreaterThan(0);
    const problems = [
      ...(row.examples ?? []).filter((sentence) => read(sentence).length === 0).map((sentence) => `example not read as ${word.value}: «${sentence}»`),
      ...(row.counterexamples ?? []).filter((sentence) => read(sentence).length > 0).map((sentence) => `counterexample read as ${word.value}: «${sentence}»`),
    ];
    expect(problems).toEqual([]);
  });
});

describe('number-words.yaml number_word_values: each word alone is parsed as its value', () => {
  it.each(Object.entries(NUMBER_WORD_VALUES))('%s → %d', (word, value) => {
    expect(parseNumberWords(word)).toEqual([{ start: 0, end: word.length, value }]);
  });
});
