import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BotParts } from '../bot/build-bot.js';
import type { Logger } from '../logger.js';
import { readLabelledCase, routeLabel } from './labelled-case.js';
import { replayCase, type ReplayResult } from './replay-engine.js';
import type { BotRuntimeName } from '../runtime/bot-runtime.js';

export const ROUTE_LABELS = ['handoff/high_score', 'handoff/ambiguous', 'nurture', 'disqualify'] as const;

export interface EvalFailure {
  id: string;
  file: string;
  expected: string;
  actual: string;
  score?: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  /** confusion[expected][actual] = count */
  confusion: Record<string, Record<string, number>>;
  failures: EvalFailure[];
  llmCalls: number;
  visitorMessages: number;
  results: ReplayResult[];
}

/** Replays every labelled case (files with an `expect`) in a folder and compares routes. */
export async function evaluateDirectory(dir: string, parts: BotParts, logger: Logger, runtime: BotRuntimeName = 'botbuilder'): Promise<EvalReport> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
  const confusion: EvalReport['confusion'] = {};
  const failures: EvalFailure[] = [];
  const results: ReplayResult[] = [];
  let correct = 0;
  let llmCalls = 0;
  let visitorMessages = 0;
  for (const file of files) {
    const labelled = readLabelledCase(file);
    if (!labelled.expect) continue;
    const result = await replayCase(parts, labelled, logger, runtime);
    results.push(result);
    llmCalls += result.llmCalls;
    visitorMessages += result.turns;
    const expected = routeLabel(labelled.expect.route, labelled.expect.handoffReason);
    const actual = routeLabel(result.route, result.handoffReason);
    confusion[expected] ??= {};
    confusion[expected][actual] = (confusion[expected][actual] ?? 0) + 1;
    if (expected === actual) correct += 1;
    else failures.push({ id: labelled.id, file, expected, actual, score: result.score });
  }
  const total = results.length;
  return { total, correct, accuracy: total ? correct / total : 0, confusion, failures, llmCalls, visitorMessages, results };
}

export function formatConfusion(report: EvalReport): string {
  const actualLabels = [...new Set([...ROUTE_LABELS, ...Object.values(report.confusion).flatMap((row) => Object.keys(row))])];
  const expectedLabels = [...new Set([...ROUTE_LABELS, ...Object.keys(report.confusion)])];
  const width = Math.max(...actualLabels.map((label) => label.length), 20);
  const header = `${'expected \\ actual'.padEnd(width)} ${actualLabels.map((label) => label.padStart(width)).join(' ')}`;
  const rows = expectedLabels.map((expected) => `${expected.padEnd(width)} ${actualLabels.map((actual) => String(report.confusion[expected]?.[actual] ?? 0).padStart(width)).join(' ')}`);
  return [header, ...rows].join('\n');
}
