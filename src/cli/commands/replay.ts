import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { readLabelledCase, routeLabel } from '../../replay/labelled-case.js';
import { replayCase } from '../../replay/replay-engine.js';
import { botFromEnv, withPlaybook } from '../bot-from-env.js';

export async function runReplay(args: string[], logger: Logger): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, playbook: { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: qualibot replay FILE [--playbook NAME|FILE] [--json]');
    return 2;
  }
  const result = await replayCase(botFromEnv(logger, withPlaybook(process.env, values.playbook)), readLabelledCase(file), logger, loadConfig(process.env).botFramework.runtime);
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const line of result.transcript) console.log(`${line.from === 'bot' ? 'bot    ' : 'visitor'} │ ${line.text}`);
  console.log(`\nroute: ${routeLabel(result.route, result.handoffReason)}  score: ${result.score}  tier: ${result.tier}  turns: ${result.turns}  llmCalls: ${result.llmCalls}`);
  for (const reason of result.reasons) console.log(`  ${String(reason.points).padStart(3)}  ${reason.rule}  ${reason.detail}${reason.evidence ? `  «${reason.evidence}»` : ''}`);
  return 0;
}
