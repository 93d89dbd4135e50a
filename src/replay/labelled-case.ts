import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { HANDOFF_REASONS, ROUTES } from '../qualification/types.js';

/** A labelled conversation (format: shared/eval/README.md). `expect` is read by eval only, never by the bot. */
export const labelledCaseSchema = z
  .object({
    id: z.string().min(1),
    locale: z.string().optional(),
    context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    answers: z.record(z.string(), z.string()).optional(),
    visitor: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    expect: z
      .object({ route: z.enum(ROUTES), handoffReason: z.enum(HANDOFF_REASONS).optional() })
      .optional(),
  })
  .passthrough()
  .refine((value) => Boolean(value.answers) !== Boolean(value.visitor), { message: 'needs exactly one of "answers" or "visitor"' });

export type LabelledCase = z.infer<typeof labelledCaseSchema>;

export function readLabelledCase(file: string): LabelledCase {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = labelledCaseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** `handoff/high_score`, `handoff/ambiguous`, `nurture`, `disqualify`. */
export function routeLabel(route: string | undefined, handoffReason?: string): string {
  if (!route) return 'none';
  return route === 'handoff' ? `handoff/${handoffReason ?? '?'}` : route;
}
