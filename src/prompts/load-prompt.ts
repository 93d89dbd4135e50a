import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import type { Locale } from '../qualification/types.js';

/** Repository-root `prompts/`: prompt wording is data that can be edited and reviewed without touching code. */
export const PROMPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prompts');

/**
 * One prompt in one locale: its text parts (`<part>.<locale>.txt`, e.g. `system.en.txt`)
 * and its shared `config.json` (model parameters, names, limits).
 */
export interface LoadedPrompt {
  readonly name: string;
  readonly locale: Locale;
  /** Parsed `config.json` (an empty object when the prompt has none); each caller validates what it reads. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Part names available in this locale, e.g. `['rephrase', 'system', 'user']`. */
  readonly parts: readonly string[];
  /** The raw template of a part, placeholders left in. */
  template(part: string): string;
  /** A part with every `{placeholder}` replaced; a placeholder without a value is a configuration error. */
  render(part: string, values?: Readonly<Record<string, string>>): string;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const cache = new Map<string, LoadedPrompt>();

/** Loads `prompts/<name>/` for a locale once per process (files are read at first use, then cached). */
export function loadPrompt(name: string, locale: Locale, dir: string = PROMPTS_DIR): LoadedPrompt {
  const key = `${dir}\u0000${name}\u0000${locale}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = readPrompt(name, locale, dir);
  cache.set(key, loaded);
  return loaded;
}

/** Placeholder names used by a template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** Single pass, so a substituted value that itself contains `{x}` is never expanded again. */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>, where: string): string {
  const missing = placeholdersOf(template).filter((placeholder) => values[placeholder] === undefined);
  if (missing.length > 0) throw new ConfigError(`Prompt ${where}: no value for ${missing.map((m) => `{${m}}`).join(', ')}`);
  return template.replace(PLACEHOLDER, (_match, placeholder: string) => values[placeholder] as string);
}

function readPrompt(name: string, locale: Locale, dir: string): LoadedPrompt {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new ConfigError(`Prompt name "${name}" must be kebab-case`);
  const folder = join(dir, name);
  if (!existsSync(folder)) throw new ConfigError(`Prompt ${name}: folder ${folder} not found`);
  const suffix = `.${locale}.txt`;
  const templates = new Map<string, string>();
  for (const file of readdirSync(folder)) {
    if (file.endsWith(suffix)) templates.set(file.slice(0, -suffix.length), readFileSync(join(folder, file), 'utf8'));
  }
  if (templates.size === 0) throw new ConfigError(`Prompt ${name}: no *${suffix} file in ${folder}`);
  const config = readConfig(join(folder, 'config.json'), name);
  const templateOf = (part: string): string => {
    const template = templates.get(part);
    if (template === undefined) throw new ConfigError(`Prompt ${name}: missing ${part}${suffix}`);
    return template;
  };
  return Object.freeze({
    name,
    locale,
    config,
    parts: [...templates.keys()].sort(),
    template: templateOf,
    render: (part: string, values: Readonly<Record<string, string>> = {}) =>
      fillPlaceholders(templateOf(part), values, `${name}/${part}${suffix}`).trim(),
  });
}

function readConfig(file: string, name: string): Readonly<Record<string, unknown>> {
  if (!existsSync(file)) return Object.freeze({});
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return Object.freeze(parsed as Record<string, unknown>);
  } catch (error) {
    throw new ConfigError(`Prompt ${name}: config.json is invalid: ${(error as Error).message}`, { cause: error });
  }
}
