import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../src/extraction/rules/engine/required-literals.js';

/** The derived sets, each sorted, in the order returned (most selective first). */
function sets(regex: RegExp): string[][] {
  return requiredLiterals(regex).map((set) => [...set].sort());
}

describe('requiredLiterals: what a text must contain for a regex to match', () => {
  it('joins consecutive characters into one literal, escapes included', () => {
    expect(sets(/budget/)).toEqual([['budget']]);
    expect(sets(/c\.e\.o/)).toEqual([['c.e.o']]);
  });

  it('cuts literals where a class, \\s or \\w stands, and keeps every piece', () => {
    expect(sets(/je\s+suis\s+\w+/)).toEqual([['suis'], ['je']]);
  });

  it('spells out a small class or \\d, and joins it with its neighbours', () => {
    expect(sets(/decision[- ]?makers?/)).toEqual([['decision maker', 'decision-maker', 'decisionmaker']]);
    expect(sets(/q[1-4]/)).toEqual([['q1', 'q2', 'q3', 'q4']]);
    expect(sets(/20\d\d/)).toEqual([['200', '201', '202', '203', '204', '205', '206', '207', '208', '209']]);
  });

  it('takes the union of an alternation, one set per rank of the branches', () => {
    expect(sets(/(?:je|on) valide|nous decidons/)).toEqual([['je valide', 'nous decidons', 'on valide']]);
    expect(sets(/(?:je|on)\s+valide|nous\s+decidons/)).toEqual([
      ['decidons', 'valide'],
      ['je', 'nous', 'on'],
    ]);
  });

  it('requires from an alternation only what each branch requires', () => {
    expect(sets(/budget|\w+ment/)).toEqual([['budget', 'ment']]);
    expect(sets(/budget|\w+/)).toEqual([]);
  });

  it('requires nothing from an optional group or a {0,n} quantifier, but spells an optional piece in a run', () => {
    expect(sets(/(?:\s+pas)?\s+/)).toEqual([]);
    expect(sets(/(?:\w+\s+){0,3}/)).toEqual([]);
    expect(sets(/leads?/)).toEqual([['lead']]);
    expect(sets(/a(?:b|c)?d/)).toEqual([['abd', 'acd', 'ad']]);
  });

  it('requires what a quantifier repeats at least once', () => {
    expect(sets(/(?:budget)+\s/)).toEqual([['budget']]);
    expect(sets(/x(?:ab){2}y/)).toEqual([['xababy']]);
  });

  it('looks through assertions: they consume nothing', () => {
    expect(sets(/\bplan\b/)).toEqual([['plan']]);
    expect(sets(/^oui$/)).toEqual([['oui']]);
  });

  it('requires what a positive lookbehind or lookahead sees, never what a negative one refuses', () => {
    expect(sets(/(?<=budget\s)valide/)).toEqual([['budget'], ['valide']]);
    expect(sets(/(?<!pas\s)valide/)).toEqual([['valide']]);
    expect(sets(/valide(?=\s+par)/)).toEqual([['valide'], ['par']]);
    expect(sets(/valide(?!\s+par)/)).toEqual([['valide']]);
  });

  it('requires nothing from a back-reference, and spells the group it refers to', () => {
    expect(sets(/<(system|tool)>[\s\S]*?<\/\1>/)).toEqual([['<system>', '<tool>'], ['</']]);
  });

  it('keeps characters as written under the i flag (the caller looks for them case-insensitively)', () => {
    expect(sets(/Décid/iu)).toEqual([['Décid']]);
  });

  it('drops a literal that contains another of its set, and a set another one implies', () => {
    expect(sets(/(?:plan|planning|planned)\s/)).toEqual([['plan']]);
    expect(sets(/budget\s+(?:budget|budgets)/)).toEqual([['budget']]);
  });

  it('never asks for a literal a matching text lacks (random regexes of lexicon shape)', () => {
    const piece = fc.oneof(
      fc.constantFrom('ab', 'ba', 'a', 'b', 'c', 'abc', '\\s+', '\\w', '[ab]', '[^a]', '.', '\\d', '\\b', '^', '$'),
      fc.constantFrom('(?:ab|c)', '(?:a|\\w+)', '(?:ab)?', '(?:ba)*', '(?:c)+', '(?:a|b){2}', '(?=b)', '(?!a)', '(?<=a)', '(?<!b)', '(a|bc)\\1'),
    );
    const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '1', 'ab', 'abc'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 5, maxLength: 5 }), (source, texts) => {
        const regex = new RegExp(source);
        const required = requiredLiterals(regex);
        for (const candidate of texts) {
          if (regex.test(candidate)) expect(required.every((set) => set.some((literal) => candidate.includes(literal))), `${source} on "${candidate}"`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
