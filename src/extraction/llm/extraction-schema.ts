import { z } from 'zod';
import { kindOf } from '../../dimensions/index.js';
import type { Dimension, Playbook } from '../../playbook/schema.js';

/**
 * The structured output asked of the model, built from the playbook so a new dimension,
 * level or knockout in the YAML needs no code.
 *
 * Every optional field is `nullish`: OpenAI strict structured outputs require every key and
 * express "absent" as `null`, while lenient OpenAI-compatible servers may simply omit keys.
 * Dimensions sit under `facts` so a dimension id can never collide with `knockouts` or `contact`.
 * There is deliberately no score, tier or route: the deterministic scorer is the only judge,
 * and zod strips any such field a model adds.
 */
export interface ExtractionSchemaOptions {
  /** Adds `rephrasedQuestion` (LLM_REPHRASE). */
  rephrase: boolean;
}

function dimensionFactSchema(dimension: Dimension) {
  const levels = dimension.levels.map((level) => level.id) as [string, ...string[]];
  return z
    .object({
      level: z.enum(levels),
      evidence: z.string(),
      confidence: z.number(),
      // Detail fields per kind (src/dimensions): only those a kind can use, to keep the schema (and tokens) small.
      ...kindOf(dimension).llmFields,
    })
    .nullish();
}

export function buildExtractionSchema(playbook: Playbook, options: ExtractionSchemaOptions) {
  const facts = Object.fromEntries(playbook.dimensions.map((dimension) => [dimension.id, dimensionFactSchema(dimension)]));
  const knockoutIds = playbook.knockouts.map((knockout) => knockout.id);
  const shape: Record<string, z.ZodType> = {
    facts: z.object(facts).nullish(),
    contact: z
      .object({ email: z.string().nullish(), phone: z.string().nullish(), name: z.string().nullish() })
      .nullish(),
  };
  // z.enum([]) is invalid: a playbook without knockouts simply has no `knockouts` field.
  if (knockoutIds.length > 0) {
    shape.knockouts = z
      .array(z.object({ id: z.enum(knockoutIds as [string, ...string[]]), evidence: z.string() }))
      .nullish();
  }
  if (options.rephrase) {
    const dimensionIds = playbook.dimensions.map((dimension) => dimension.id) as [string, ...string[]];
    shape.rephrasedQuestion = z.object({ dimension: z.enum(dimensionIds), text: z.string() }).nullish();
  }
  return z.object(shape);
}

export type ExtractionSchema = ReturnType<typeof buildExtractionSchema>;

/** What a valid model output looks like once parsed (detail fields present only for their kinds). */
export interface ModelFact {
  level: string;
  evidence: string;
  confidence: number;
  amount?: number | null;
  amountUpTo?: number | null;
  currency?: string | null;
  period?: 'once' | 'month' | 'year' | null;
  months?: number | null;
  headcount?: number | null;
  sector?: string | null;
}

export interface ModelOutput {
  facts?: Record<string, ModelFact | null | undefined> | null;
  knockouts?: { id: string; evidence: string }[] | null;
  contact?: { email?: string | null; phone?: string | null; name?: string | null } | null;
  rephrasedQuestion?: { dimension: string; text: string } | null;
}
