import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../qualification/types.js';
import type { CueSpec } from './cue.js';

/**
 * The rules extractor's language knowledge lives in data files (src/extraction/rules/language/*.yaml): one
 * file per kind of thing people say (roles, budgets, timelines, hedges, corrections, knockout signals…), one
 * cue per entry, each with the sentences it must and must not read (test/extraction/language-specs.test.ts
 * runs them all). A fix after a blind round is then one entry and its examples, reviewable as a data diff.
 *
 * Patterns are regular expressions over folded text (lower case, no accents, straight apostrophes); one space
 * matches any run of spaces; `{name}` is a macro: this file's `macros`, the engine's (macros.yaml), or a
 * playbook vocabulary slot (`{results}`, `{problems}`, `{offer}`).
 */

const LANGUAGE_DIR = fileURLToPath(new URL('../language/', import.meta.url));

/** Sentences a pattern must read (`examples`) and must not (`counterexamples`). */
const specs = {
  examples: z.array(z.string().min(1)).default([]),
  counterexamples: z.array(z.string().min(1)).default([]),
};

/** A macro: a word list (joined as one alternation) or a pattern piece. */
const macroSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** One cue per entry, keyed by its language (any of LOCALES): the locales written here are those the rules extractor reads. */
const cueEntrySchema = z
  .object({
    level: z.string().min(1),
    ...(Object.fromEntries(LOCALES.map((locale) => [locale, z.string().min(1).optional()])) as Record<Locale, z.ZodOptional<z.ZodString>>),
    weak: z.boolean().optional(),
    tag: z.string().optional(),
    ignoreNegation: z.boolean().optional(),
    ...specs,
  })
  .strict()
  .refine((entry) => LOCALES.filter((locale) => entry[locale] !== undefined).length === 1, { message: `needs exactly one of ${LOCALES.map((locale) => `"${locale}"`).join(', ')} (one cue per entry)` });

const termSchema = z.object({ pattern: macroSchema, ...specs }).strict();

const phraseLists = z.object({ fr: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }).strict();

const cueFileSchema = z
  .object({
    about: z.string().optional(),
    /** The vocabulary the examples of slot cues ({results}, {problems}, {offer}) are read with: any company's. */
    exampleVocabulary: z
      .object({ problems: phraseLists.default({ fr: [], en: [] }), results: phraseLists.default({ fr: [], en: [] }), offer: phraseLists.default({ fr: [], en: [] }) })
      .strict()
      .optional(),
    macros: z.record(z.string(), macroSchema).default({}),
    lists: z.record(z.string(), z.array(cueEntrySchema)).default({}),
    terms: z.record(z.string(), termSchema).default({}),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).default({}),
  })
  .strict();

export type CueEntry = z.infer<typeof cueEntrySchema>;
export type Term = z.infer<typeof termSchema>;

/** One language data file, parsed and validated. */
export interface CueFile {
  name: string;
  path: string;
  about?: string;
  exampleVocabulary?: z.infer<typeof cueFileSchema>['exampleVocabulary'];
  /** This file's macros, already as pattern sources. */
  macros: Record<string, string>;
  lists: Record<string, CueEntry[]>;
  terms: Record<string, Term>;
  tables: Record<string, Record<string, unknown>[]>;
}

const loaded = new Map<string, CueFile>();

/** Reads `language/<name>.yaml` once per process; an invalid file fails naming the file and the field. */
export function cueFile(name: string): CueFile {
  const known = loaded.get(name);
  if (known) return known;
  const path = `${LANGUAGE_DIR}${name}.yaml`;
  const parsed = cueFileSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${path}: ${problems}`);
  }
  const file: CueFile = { name, path, ...parsed.data, macros: Object.fromEntries(Object.entries(parsed.data.macros).map(([key, value]) => [key, macroSource(value)])) };
  loaded.set(name, file);
  return file;
}

/** The cue list `list` of a file, as the engine compiles it (file macros expanded, engine macros left as `{name}`). */
export function cueList(name: string, list: string): CueSpec[] {
  const file = cueFile(name);
  const entries = file.lists[list];
  if (!entries) throw new Error(`${file.path}: no list "${list}"`);
  return entries.map((entry) => {
    const spec: CueSpec = { level: entry.level };
    for (const locale of LOCALES) {
      const source = entry[locale];
      if (source !== undefined) spec[locale] = [withMacros(source, file.macros)];
    }
    if (entry.weak !== undefined) spec.weak = entry.weak;
    if (entry.tag !== undefined) spec.tag = entry.tag;
    if (entry.ignoreNegation !== undefined) spec.ignoreNegation = entry.ignoreNegation;
    return spec;
  });
}

/** A named pattern piece of a file (file macros expanded, engine macros left as `{name}`). */
export function term(name: string, key: string): string {
  const file = cueFile(name);
  const found = file.terms[key];
  if (!found) throw new Error(`${file.path}: no term "${key}"`);
  return withMacros(macroSource(found.pattern), file.macros);
}

/** A data table of a file, each row parsed with `schema` (the reader's own row type). */
export function table<T>(name: string, key: string, schema: z.ZodType<T>): T[] {
  const file = cueFile(name);
  const rows = file.tables[key];
  if (!rows) throw new Error(`${file.path}: no table "${key}"`);
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${file.path}: tables.${key}.${index}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** A word list becomes one non-capturing alternation; a string is used as it is. */
export function macroSource(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : `(?:${value.join('|')})`;
}

/** Replaces `{name}` with the file's macros (recursively: a macro may use another); others are left for the engine. */
export function withMacros(source: string, macros: Readonly<Record<string, string>>, depth = 0): string {
  if (depth > 8) throw new Error(`macro nesting too deep in "${source.slice(0, 60)}…"`);
  let changed = false;
  const result = source.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = macros[name];
    if (value === undefined) return whole;
    changed = true;
    return value;
  });
  return changed ? withMacros(result, macros, depth + 1) : result;
}

/** Every language file, for the spec runner and `qualibot playbook check`. */
export function languageFileNames(): string[] {
  return readdirSync(LANGUAGE_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}
