import { readFileSync, existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { playbookSchema, type Playbook } from './schema.js';

const PLAYBOOKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dialogs', 'playbooks');

/** `champ`, `bant` or a path to a YAML/JSON file. */
export function resolvePlaybookPath(nameOrPath: string): string {
  if (/[/\\]|\.(ya?ml|json)$/i.test(nameOrPath)) return resolve(nameOrPath);
  return join(PLAYBOOKS_DIR, `${nameOrPath}.yaml`);
}

export function loadPlaybook(nameOrPath: string): Playbook {
  const file = resolvePlaybookPath(nameOrPath);
  if (!existsSync(file)) throw new ConfigError(`Playbook ${file}: file not found (PLAYBOOK=${nameOrPath})`);
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Playbook ${file}: cannot be parsed: ${(error as Error).message}`, { cause: error });
  }
  return withSitePages(parsePlaybook(withVocabularyFile(raw, file), file), file);
}

/**
 * A playbook given as text (pasted or uploaded on the insights page), checked exactly as at start-up, with the same
 * errors; files it names relatively (vocabulary, site pages) are read from the built-in playbooks' folder.
 */
export function parsePlaybookText(text: string, name = 'candidate.yaml'): Playbook {
  const file = join(PLAYBOOKS_DIR, name);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Playbook ${name}: cannot be parsed: ${(error as Error).message}`, { cause: error });
  }
  return withSitePages(parsePlaybook(withVocabularyFile(raw, file), name), file);
}

/** `vocabulary: path.yaml` shares one company's vocabulary between its playbooks; it is read relative to the playbook. */
function withVocabularyFile(raw: unknown, file: string): unknown {
  if (!raw || typeof raw !== 'object' || typeof (raw as { vocabulary?: unknown }).vocabulary !== 'string') return raw;
  const path = resolve(dirname(file), (raw as { vocabulary: string }).vocabulary);
  if (!existsSync(path)) throw new ConfigError(`Playbook ${file} is invalid:\n  - vocabulary: file not found (${path})`);
  try {
    return { ...raw, vocabulary: parseYaml(readFileSync(path, 'utf8')) };
  } catch (error) {
    throw new ConfigError(`Playbook ${file}: vocabulary ${path} cannot be parsed: ${(error as Error).message}`, { cause: error });
  }
}

/** The site pages are named relative to the playbook file; a missing one fails now, naming the field. */
function withSitePages(playbook: Playbook, file: string): Playbook {
  if (!playbook.site) return playbook;
  const site = { fr: resolve(dirname(file), playbook.site.fr), en: resolve(dirname(file), playbook.site.en) };
  for (const locale of ['fr', 'en'] as const) {
    if (!existsSync(site[locale])) throw new ConfigError(`Playbook ${file} is invalid:\n  - site.${locale}: file not found (${site[locale]})`);
  }
  return { ...playbook, site };
}

export function parsePlaybook(raw: unknown, file = '<inline>'): Playbook {
  const result = playbookSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(`Playbook ${file} is invalid:\n${describeIssues(result.error, raw)}`);
  return result.data;
}

/** Names each bad field by its path, with the dimension id when there is one, e.g. `dimensions[2] (money).weight`. */
function describeIssues(error: z.ZodError, raw: unknown): string {
  return error.issues
    .map((issue) => {
      let node: unknown = raw;
      const parts: string[] = [];
      for (const key of issue.path) {
        node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
        const id = node && typeof node === 'object' && 'id' in node ? ` (${String((node as { id: unknown }).id)})` : '';
        parts.push(typeof key === 'number' ? `[${key}]${id}` : `${parts.length ? '.' : ''}${String(key)}${id}`);
      }
      return `  - ${parts.join('') || '(root)'}: ${issue.message}`;
    })
    .join('\n');
}
