import { parseArgs } from 'node:util';
import type { Logger } from '../../logger.js';
import { loadConfig } from '../../config.js';
import type { EvalReport } from '../../replay/evaluate.js';

/** `env` is where the bot's configuration comes from (the process environment from the shell). */
export async function runEval(args: string[], logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return (await evaluateCommand(args, logger, env)).code;
}

/** `qualibot eval`: its exit code, and the report when there is one (the labelled-sets test compares runtimes). */
export async function evaluateCommand(args: string[], logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; report?: EvalReport }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { min: { type: 'string' }, json: { type: 'boolean', default: false }, playbook: { type: 'string' } },
  });
  const dir = positionals[0];
  if (!dir) {
    console.error('Usage: qualibot eval DIR [--playbook NAME|FILE] [--min RATIO] [--json]');
    return { code: 2 };
  }
  const min = values.min === undefined ? undefined : Number(values.min);
  if (min !== undefined && (!Number.isFinite(min) || min < 0 || min > 1)) {
    console.error(`--min must be a ratio between 0 and 1, got "${values.min}"`);
    return { code: 2 };
  }
  // BOT_RUNTIME picks the SDK the turns run on, in-process (README, "Runtime and support status").
  const runtime = loadConfig(env).botFramework.runtime;
  // Loaded once the arguments are known good: the bot and its language models take seconds to load.
  const [{ evaluateDirectory, formatConfusion }, { botFromEnv, withPlaybook }] = await Promise.all([import('../../replay/evaluate.js'), import('../bot-from-env.js')]);
  const report = await evaluateDirectory(dir, botFromEnv(logger, withPlaybook(env, values.playbook)), logger, runtime);
  if (values.json) {
    const { results: _results, ...summary } = report;
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(`cases: ${report.total}  correct: ${report.correct}  accuracy: ${(report.accuracy * 100).toFixed(1)}%  llmCalls: ${report.llmCalls} for ${report.visitorMessages} visitor messages\n`);
    console.log(formatConfusion(report));
    if (report.failures.length) {
      console.log('\nmisrouted:');
      for (const failure of report.failures) console.log(`  ${failure.id}: expected ${failure.expected}, got ${failure.actual} (score ${failure.score})`);
    }
  }
  if (report.total === 0) {
    console.error(`No labelled case with "expect" in ${dir}.`);
    return { code: 1, report };
  }
  if (min !== undefined && report.accuracy < min) {
    console.error(`Accuracy ${(report.accuracy * 100).toFixed(1)}% is below --min ${(min * 100).toFixed(1)}%.`);
    return { code: 1, report };
  }
  return { code: 0, report };
}
