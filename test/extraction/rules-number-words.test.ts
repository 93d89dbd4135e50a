import { describe, expect, it } from 'vitest';
import { findNumbers } from '../../src/extraction/rules/numbers/find-numbers.js';
import { parseNumberWords } from '../../src/extraction/rules/numbers/number-words-parser.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';

describe('parseNumberWords (French and English cardinals, no recognizer)', () => {
  it.each([
    ['trois', 3],
    ['vingt et un', 21],
    ['trente-cinq', 35],
    ['soixante et onze', 71],
    ['soixante-dix-sept', 77],
    ['quatre-vingts', 80],
    ['quatre-vingt-onze', 91],
    ['quatre-vingt-dix', 90],
    ['dix-huit', 18],
    ['cent deux', 102],
    ['deux cent cinquante', 250],
    ['mille deux cents', 1200],
    ['deux mille cinq cents', 2500],
    ['quarante mille', 40000],
    ['un million', 1_000_000],
    ['septante-cinq', 75],
    ['twenty five', 25],
    ['two hundred and fifty', 250],
    ['a thousand', 1000],
    ['forty thousand', 40000],
    ['twelve hundred', 1200],
    ['three hundred thousand', 300000],
  ])('%s → %d', (words, value) => {
    expect(parseNumberWords(words)).toEqual([{ start: 0, end: words.length, value }]);
  });

  it('keeps separate numbers apart', () => {
    expect(parseNumberWords('deux trois').map((number) => number.value)).toEqual([2, 3]);
    expect(parseNumberWords('deux ou trois').map((number) => number.value)).toEqual([2, 3]);
  });

  it('finds number words in a message, at their place in the text', () => {
    const folded = normalize('On est quatre-vingt-cinq salariés et on vise deux mille euros par mois.');
    const words = findNumbers(folded).filter((token) => token.kind === 'words');
    expect(words.map((token) => [folded.slice(token.start, token.end), token.value])).toEqual([
      ['quatre-vingt-cinq', 85],
      ['deux mille', 2000],
    ]);
  });
});
