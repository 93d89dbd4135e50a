import { describe, expect, it } from 'vitest';
import { runEval } from '../src/cli/commands/eval.js';
import { createLogger } from '../src/logger.js';

/**
 * Every labelled conversation set with the playbook it was written for and its floor: `qualibot eval` run
 * in-process (the CLI itself is spawned once in test/cli/eval-cli.test.ts). How each set was written, and its
 * blind figure, is in the README ("How well it qualifies").
 */
const SETS = [
  { dir: 'test/conversations', playbook: 'champ', min: 0.95 },
  { dir: 'test/injection', playbook: 'champ', min: 1 },
  { dir: 'test/holdout', playbook: 'champ', min: 0.95 },
  { dir: 'test/holdout-2', playbook: 'champ', min: 0.95 },
  { dir: 'test/holdout-3', playbook: 'champ', min: 0.95 },
  { dir: 'test/hr-payroll', playbook: 'dialogs/playbooks/hr-payroll.yaml', min: 0.95 },
  { dir: 'test/erp-integration', playbook: 'dialogs/playbooks/erp-integration.yaml', min: 0.95 },
  { dir: 'test/framework-gpct', playbook: 'gpct', min: 0.95 },
  { dir: 'test/framework-meddicc', playbook: 'meddicc', min: 0.95 },
];

// The offline reader, whatever the developer's shell holds (no OPENAI_API_KEY, no DATABASE_URL).
const ENV = { WARM_UP: 'false' };

describe('labelled conversation sets', { timeout: 120_000 }, () => {
  it.each(SETS)('$dir (playbook $playbook) routes at least $min as labelled', async ({ dir, playbook, min }) => {
    const code = await runEval([dir, '--playbook', playbook, '--min', String(min)], createLogger('silent'), ENV);
    expect(code, `qualibot eval ${dir} --playbook ${playbook} --min ${min} (its report is printed above)`).toBe(0);
  });
});
