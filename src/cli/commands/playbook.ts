import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { playbookSlug, scaffoldPlaybook } from '../../authoring/scaffold-playbook.js';
import type { Logger } from '../../logger.js';

const USAGE = 'Usage: qualibot playbook check FILE [--cases DIR] [--json] | qualibot playbook new NAME [--out FILE]';

/** `qualibot playbook check|new`: the sales-ops author's tools (README, "Qualify for your own business"). */
export async function runPlaybook(args: string[], _logger: Logger): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'check') return check(rest);
  if (action === 'new') return scaffold(rest);
  console.error(USAGE);
  return 2;
}

/**
 * Validates (a bad field fails naming file and field), runs the examples, prints coverage; 1 when an example fails.
 * The playbook schema and the rules reader are loaded only once the arguments are known good (seconds of start-up).
 */
async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { cases: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  if (values.cases !== undefined && !existsSync(values.cases)) {
    console.error(`--cases ${values.cases}: no such folder`);
    return 2;
  }
  const [{ checkPlaybook, formatCheckReport }, { loadPlaybook, resolvePlaybookPath }] = await Promise.all([
    import('../../authoring/check-playbook.js'),
    import('../../playbook/loader.js'),
  ]);
  const playbook = loadPlaybook(file);
  const report = checkPlaybook(playbook, values.cases === undefined ? {} : { labelledDir: values.cases });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatCheckReport(resolvePlaybookPath(file), playbook, report));
  return report.failures.length ? 1 : 0;
}

/** Writes a commented playbook to fill in; never overwrites a file. */
async function scaffold(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const name = positionals.join(' ').trim();
  if (!name) {
    console.error(USAGE);
    return 2;
  }
  const file = values.out ?? `${playbookSlug(name)}.yaml`;
  if (existsSync(file)) {
    console.error(`${file} already exists: choose another --out, nothing was written.`);
    return 1;
  }
  writeFileSync(file, scaffoldPlaybook(name, file), { flag: 'wx' });
  const { loadPlaybook } = await import('../../playbook/loader.js');
  loadPlaybook(file);
  console.log(`Wrote ${file}. Fill it in from the top, then run: npx qualibot playbook check ${file}`);
  return 0;
}
