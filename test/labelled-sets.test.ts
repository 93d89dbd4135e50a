import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../src/cli/commands/eval.js';
import { createLogger } from '../src/logger.js';
import type { EvalReport } from '../src/replay/evaluate.js';
import { BOT_RUNTIMES } from '../src/runtime/bot-runtime.js';

/**
 * Every labelled conversation set with the playbook it was written for and its floor: `qualibot eval` run
 * in-process (the CLI itself is spawned once in test/cli/eval-cli.test.ts). How each set was written, and its
 * blind figure, is in the README ("How well it qualifies").
 */
const SETS = [
  { dir: 'test/conversations', playbook: 'champ', min: 0.95 },
  { dir: 'test/injection', playbook: 'champ', min: 1 },
  // The holdouts take the same playbook and code paths as test/conversations: the default runtime only.
  { dir: 'test/holdout', playbook: 'champ', min: 0.95, defaultRuntimeOnly: true },
  { dir: 'test/holdout-2', playbook: 'champ', min: 0.95, defaultRuntimeOnly: true },
  { dir: 'test/holdout-3', playbook: 'champ', min: 0.95, defaultRuntimeOnly: true },
  { dir: 'test/hr-payroll', playbook: 'dialogs/playbooks/hr-payroll.yaml', min: 0.95 },
  { dir: 'test/erp-integration', playbook: 'dialogs/playbooks/erp-integration.yaml', min: 0.95 },
  { dir: 'test/framework-gpct', playbook: 'gpct', min: 0.95 },
  { dir: 'test/framework-meddicc', playbook: 'meddicc', min: 0.95 },
];

// The offline reader, whatever the developer's shell holds (no OPENAI_API_KEY, no DATABASE_URL).
const ENV = { WARM_UP: 'false' };

/** What must not depend on the runtime: every case's route, reason, score and facts. */
const figures = (report: EvalReport | undefined) =>
  report?.results.map(({ id, route, handoffReason, score, tier, facts, turns }) => ({ id, route, handoffReason, score, tier, facts, turns }));

// Each set on both runtimes (BOT_RUNTIME, in-process): the floor on each, and the same figures case by case.
describe('labelled conversation sets', { timeout: 120_000 }, () => {
  it.each(SETS.filter((set) => !('defaultRuntimeOnly' in set)))('$dir (playbook $playbook) routes at least $min as labelled, the same on both runtimes', async ({ dir, playbook, min }) => {
    const reports: Partial<Record<(typeof BOT_RUNTIMES)[number], EvalReport>> = {};
    for (const runtime of BOT_RUNTIMES) {
      const { code, report } = await evaluateCommand([dir, '--playbook', playbook, '--min', String(min)], createLogger('silent'), { ...ENV, BOT_RUNTIME: runtime });
      expect(code, `BOT_RUNTIME=${runtime} qualibot eval ${dir} --playbook ${playbook} --min ${min} (its report is printed above)`).toBe(0);
      reports[runtime] = report;
    }
    expect(figures(reports.agents)).toEqual(figures(reports.botbuilder));
  });

  it.each(SETS.filter((set) => 'defaultRuntimeOnly' in set))('$dir (playbook $playbook) routes at least $min as labelled', async ({ dir, playbook, min }) => {
    const { code } = await evaluateCommand([dir, '--playbook', playbook, '--min', String(min)], createLogger('silent'), ENV);
    expect(code, `qualibot eval ${dir} --playbook ${playbook} --min ${min} (its report is printed above)`).toBe(0);
  });
});
