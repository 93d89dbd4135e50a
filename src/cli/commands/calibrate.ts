import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { calibrate } from '../../calibration/calibrate.js';
import { candidatePlaybookYaml } from '../../calibration/candidate-playbook.js';
import { formatCalibration } from '../../calibration/format-calibration.js';
import { loadConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { loadPlaybook, resolvePlaybookPath } from '../../playbook/loader.js';
import { withDatabase } from '../open-database-from-env.js';
import { parseSince } from '../since-option.js';

const USAGE = 'Usage: qualibot calibrate [--since 90d|DATE] [--out candidate.yaml] [--json]';

/**
 * `qualibot calibrate`: thresholds, levels, knockouts and dimensions the SDR verdicts and CRM outcomes argue about,
 * and (with --out) a candidate playbook to try with `qualibot whatif`. The running playbook is never written.
 */
export async function runCalibrate(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const since = parseSince(values.since);
  if (typeof since === 'string') {
    console.error(`${since}\n${USAGE}`);
    return 2;
  }
  const runningFile = resolvePlaybookPath(loadConfig().playbook);
  if (values.out && resolve(values.out) === runningFile) {
    console.error(`--out ${values.out} is the running playbook: calibrate never changes it; write the candidate elsewhere.`);
    return 2;
  }
  const playbook = loadPlaybook(runningFile);
  const judged = await withDatabase(logger, (db) => db.feedback.labelled({ playbookId: playbook.id, ...(since ? { since } : {}) }));
  const calibration = calibrate(playbook, judged);
  console.log(values.json ? JSON.stringify(calibration, null, 2) : formatCalibration(calibration));
  if (calibration.tooFew) return 0;
  if (values.out) {
    writeFileSync(values.out, candidatePlaybookYaml(readFileSync(runningFile, 'utf8'), calibration, new Date(), { running: runningFile, candidate: values.out }));
    console.error(`Candidate playbook written to ${values.out}; try it with: qualibot whatif --playbook ${values.out}`);
  }
  return 0;
}
