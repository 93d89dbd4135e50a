import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { LOCALES, type Locale } from '../qualification/types.js';

/** The replies shipped with Qualibot; CANNED_REPLIES names a company's own file of the same shape. */
export const DEFAULT_CANNED_REPLIES_FILE = fileURLToPath(new URL('../../dialogs/console/canned-replies.yaml', import.meta.url));

const replySchema = z
  .object({
    /** What follows "/" in the reply box. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes (what follows "/" in the reply box)'),
    label: z.string().trim().min(1).max(80),
    text: z.string().trim().min(1).max(4000),
  })
  .strict();

const uniqueIds = (replies: Array<{ id: string }>) => new Set(replies.map((reply) => reply.id)).size === replies.length;
const localeList = z.array(replySchema).max(200).default([]).refine(uniqueIds, 'two replies share an id');

// One list per locale in LOCALES (a language left out has none: the console says so in that conversation).
const cannedRepliesSchema = z.object(Object.fromEntries(LOCALES.map((locale) => [locale, localeList])) as Record<Locale, typeof localeList>).strict();

/** Canned replies per visitor language, as the console offers them. */
export type CannedReplies = z.infer<typeof cannedRepliesSchema>;
export type CannedReply = z.infer<typeof replySchema>;

/** Reads and checks the file once at start-up; a bad file stops the start naming the file and the field. */
export function loadCannedReplies(path: string = DEFAULT_CANNED_REPLIES_FILE): CannedReplies {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`CANNED_REPLIES: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseCannedReplies(raw, path);
}

export function parseCannedReplies(raw: unknown, source: string): CannedReplies {
  const parsed = cannedRepliesSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
  throw new ConfigError(`Invalid canned replies in ${source}:\n${problems}`);
}
