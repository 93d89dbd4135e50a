import { z } from 'zod';
import { cueFile, table, term, withMacros } from '../engine/cue-file.js';

/**
 * Whole-message answers read against the question just asked ("Oui" to the budget question,
 * "moi" to the authority question), from language/short-answers.yaml. Each pattern must match the entire
 * folded answer, punctuation and polite fillers aside. `level: null` means "unclear": no fact.
 */
export interface ShortAnswer {
  /** A dimension kind (src/dimensions) whose question this answers. */
  kind: string;
  pattern: string;
  level: string | null;
  confidence: number;
  months?: number;
}

/** A row of `tables.short_answers`, with the sentences it must and must not read (language-short-answers.test.ts). */
const shortAnswerRowSchema = z
  .object({
    kind: z.string().min(1),
    pattern: z.string().min(1),
    level: z.string().min(1).nullable(),
    confidence: z.number().min(0).max(1),
    months: z.number().positive().optional(),
    examples: z.array(z.string().min(1)).default([]),
    counterexamples: z.array(z.string().min(1)).default([]),
  })
  .strict();

const MACROS = cueFile('short-answers').macros;

export const SHORT_ANSWERS: readonly ShortAnswer[] = table('short-answers', 'short_answers', shortAnswerRowSchema).map(
  ({ kind, pattern, level, confidence, months }) => ({ kind, pattern: withMacros(pattern, MACROS), level, confidence, ...(months !== undefined ? { months } : {}) }),
);

/** Politeness and filler around a short answer ("Oui, merci !", "hmm no", "yes lol"). */
export const FILLER = term('short-answers', 'filler');
