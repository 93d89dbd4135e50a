import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { loadPlaybook } from '../../playbook/loader.js';
import { formatWhatIfReport } from '../../whatif/format-report.js';
import { whatIfFromDatabase } from '../../whatif/whatif-from-database.js';
import { withDatabase } from '../open-database-from-env.js';
import { progressBar } from '../progress-bar.js';
import { parseSince } from '../since-option.js';

const USAGE = 'Usage: qualibot whatif --playbook CANDIDATE [--baseline P] [--since 90d|DATE] [--channel C] [--json]';

/**
 * `qualibot whatif --playbook candidate.yaml`: how the stored leads would have been routed by a candidate playbook.
 * Reads only; the running playbook (or `--baseline`) is what the leads are compared against.
 */
export async function runWhatIf(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { playbook: { type: 'string' }, baseline: { type: 'string' }, since: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.playbook) {
    console.error(`--playbook is required.\n${USAGE}`);
    return 2;
  }
  const since = parseSince(values.since);
  if (typeof since === 'string') {
    console.error(since);
    return 2;
  }
  // The same loader (and the same errors) as at start-up.
  const candidate = loadPlaybook(values.playbook);
  const baseline = loadPlaybook(values.baseline ?? loadConfig().playbook);
  const scope = { ...(since ? { since } : {}), ...(values.channel ? { channel: values.channel } : {}) };
  const report = await withDatabase(logger, (db) => whatIfFromDatabase(db, { baseline, candidate }, scope, logger, progressBar('whatif')));
  console.log(values.json ? JSON.stringify(report, null, 2) : formatWhatIfReport(report));
  return 0;
}
