import { z } from 'zod';
import { ConfigError } from '../../errors.js';

/** `prompts/extract-facts/config.json`: model parameters and limits, editable without code. */
const configSchema = z
  .object({
    /** 0: the same message must give the same facts. */
    temperature: z.number().min(0).max(2).default(0),
    maxTokens: z.number().int().positive().default(700),
    /** How many earlier visitor messages are sent as context (grounding may still use all of them). */
    historyMessages: z.number().int().min(0).default(6),
    schemaName: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).default('extract_facts'),
    toolName: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).default('record_facts'),
    toolDescription: z.string().default(''),
    rephraseMaxChars: z.number().int().positive().default(280),
  })
  .strict();

export type ExtractFactsConfig = z.infer<typeof configSchema>;

export function extractFactsConfig(raw: unknown): ExtractFactsConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ConfigError(`Prompt extract-facts/config.json is invalid: ${problems}`);
  }
  return parsed.data;
}
