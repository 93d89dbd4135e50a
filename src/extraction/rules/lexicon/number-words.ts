import { z } from 'zod';
import { table, term } from '../engine/cue-file.js';

/**
 * Approximate and small quantities the recognizer does not resolve ("une cinquantaine", "a few", "a couple of"),
 * from language/number-words.yaml. Phrases are folded (lower case, no accents). `article` marks
 * "un/une/a/an/one", only read before a unit.
 */
export interface NumberWord {
  phrase: string;
  value: number;
  article?: boolean;
}

export const NUMBER_WORDS: readonly NumberWord[] = table(
  'number-words',
  'number_words',
  z.object({ phrase: z.string().min(1), value: z.number().positive(), article: z.boolean().optional() }),
);

// Number words worth asking the recognizer about ("un"/"one" alone are read from the table above).
const NUMBER_WORD = term('number-words', 'number_word');
const JOINER = term('number-words', 'joiner');

/** A run of number words: "quarante mille", "trente-cinq", "two hundred and fifty". */
export const NUMBER_WORD_RUN = new RegExp(
  String.raw`(?<![a-z])(?:${JOINER}[ -])?${NUMBER_WORD}(?:(?:[ -]|[ -]${JOINER}[ -])${NUMBER_WORD})*(?![a-z])`,
  'g',
);

/** Cardinal words (folded) and their values, French and English, for the number-words parser. */
export const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = Object.fromEntries(
  table('number-words', 'number_word_values', z.object({ value: z.number().positive(), words: z.array(z.string().min(1)).min(1) })).flatMap((row) =>
    row.words.map((word) => [word, row.value] as const),
  ),
);
