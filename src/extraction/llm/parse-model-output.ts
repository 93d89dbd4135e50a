import type { z } from 'zod';
import type { ModelOutput } from './extraction-schema.js';

/** Why a model answer cannot be used; also the fallback reason shown in `extractor`. */
export type OutputProblem = 'empty_output' | 'malformed_output' | 'schema_invalid';

export type ParsedOutput = { ok: true; value: ModelOutput } | { ok: false; problem: OutputProblem; detail: string };

/**
 * Parses the raw text a model returned (message content or tool-call arguments) against the
 * extraction schema. Unknown fields (a `score`, a `route`…) are stripped, never an error;
 * a wrong type or a level outside the playbook makes the whole answer unusable, because a model
 * that breaks the contract on one field is not trusted on the others.
 */
export function parseModelOutput(raw: string | null | undefined, schema: z.ZodType): ParsedOutput {
  const text = stripCodeFence(raw ?? '').trim();
  if (text === '') return { ok: false, problem: 'empty_output', detail: 'the model returned no content' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'malformed_output', detail: `not JSON: ${(error as Error).message}` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problem: 'schema_invalid', detail: 'the output is not a JSON object' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first?.path.map(String).join('.') || '(root)';
    return { ok: false, problem: 'schema_invalid', detail: `${where}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, value: result.data as ModelOutput };
}

/** Some OpenAI-compatible servers wrap JSON in a Markdown fence even in JSON mode. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(text);
  return fenced ? (fenced[1] ?? '') : text;
}
