import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('../../dialogs/templates/playbook.yaml', import.meta.url));

/** `Sécurité Ouest` → `securite-ouest`: the playbook id and default file name. */
export function playbookSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'playbook';
}

/**
 * The commented playbook `qualibot playbook new` writes: valid as it is (the bot runs on it), every field
 * explained, the company's name in its texts; `file` is where it will live (named in its instructions).
 */
export function scaffoldPlaybook(name: string, file: string): string {
  const inQuotes = JSON.stringify(name).slice(1, -1);
  return readFileSync(TEMPLATE, 'utf8')
    .replace(/^id: __ID__$/m, `id: ${playbookSlug(name)}`)
    .replace(/^name: __NAME__$/m, `name: ${JSON.stringify(name)}`)
    .replace(/^# __NAME__:/m, `# ${name.replace(/\s+/g, ' ')}:`)
    .replaceAll('__FILE__', file)
    .replaceAll('__NAME__', inQuotes);
}
