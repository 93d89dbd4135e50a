/**
 * `npm run bench` (full, a few minutes; writes bench/results.md) or `npm run bench -- --smoke` (tiny
 * numbers, no results file: run by bench/smoke.test.ts (`npm run bench:smoke`, in CI) so the script does not rot).
 * Every figure is printed next to the baseline measured in the same run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureWidgetSizes } from '../src/channels/widget/index.js';
import { renderConversations, runConversations } from './conversations.js';
import { renderExtraction, runExtraction } from './extraction.js';
import { profileQualibot } from './lib/profile-qualibot.js';
import { fmt, table } from './lib/stats.js';
import { renderStorage, runStorage } from './storage.js';
import { renderThroughput, runThroughput } from './throughput.js';
import { renderWidgetConcurrency, runWidgetConcurrency, widgetErrors } from './widget-concurrency.js';

const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, out: { type: 'string', default: 'bench/results.md' } } });
const smoke = values.smoke;

/** People type before they answer; the fast pace offers more messages per second than one process can turn. */
const WIDGET_PACES = [
  { name: 'visitors typing 2–5 s', thinkMinMs: 2000, thinkMaxMs: 5000, startSpreadMs: 10_000 },
  { name: 'stress: all answer at once, then after 0.3–1 s', thinkMinMs: 300, thinkMaxMs: 1000, startSpreadMs: 0 },
];

/** Full-run sizes; the smoke run keeps every code path with tiny numbers. */
const SIZES = smoke
  ? { seconds: 1, warmupSeconds: 0, connections: 2, passes: 1, caseLimit: 4, latencyMs: 20, serialCases: 2, llmConcurrency: 2, visitors: 4, llmMinMs: 20, llmMaxMs: 60, paces: [{ name: 'smoke', thinkMinMs: 0, thinkMaxMs: 20, startSpreadMs: 0 }], storageConversations: 1, idleMs: 100 }
  : { seconds: 10, warmupSeconds: 1, connections: 20, passes: 3, caseLimit: undefined, latencyMs: 200, serialCases: 25, llmConcurrency: 10, visitors: 1000, llmMinMs: 1000, llmMaxMs: 3000, paces: WIDGET_PACES, storageConversations: 20, idleMs: 1000 };

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
console.log(`# Qualibot benchmarks${smoke ? ' (smoke)' : ''} — ${machine}\n`);

const sections: string[] = [];
let failures = 0;
const section = (markdown: string) => {
  sections.push(markdown);
  console.log(`${markdown}\n`);
};

// 1. Throughput through /api/messages, and (full runs) where Qualibot's CPU goes.
const throughput = await runThroughput({ durationSeconds: SIZES.seconds, connections: SIZES.connections, warmupSeconds: SIZES.warmupSeconds });
failures += throughput.results.reduce((total, result) => total + result.errors + result.non2xx, 0);
const profiled = smoke ? undefined : await profileQualibot({ durationSeconds: SIZES.seconds, connections: SIZES.connections });
section(
  renderThroughput(
    throughput,
    SIZES.connections,
    profiled && { summary: profiled.summary, turns: profiled.result.turns, turnsPerSecond: profiled.result.turnsPerSecond },
  ),
);

// 2. Labelled conversations through the replay engine, rules and LLM mode.
const conversations = await runConversations({
  passes: SIZES.passes,
  caseLimit: SIZES.caseLimit,
  llmLatencyMs: SIZES.latencyMs,
  llmConcurrency: SIZES.llmConcurrency,
  llmSerialCases: SIZES.serialCases,
});
failures += Object.entries(conversations.llm.extractors).filter(([name]) => name.includes('fallback')).length;
section(renderConversations(conversations));

// 3. Simultaneous widget conversations.
const widget = await runWidgetConcurrency({
  visitors: SIZES.visitors,
  llmMinMs: SIZES.llmMinMs,
  llmMaxMs: SIZES.llmMaxMs,
  paces: SIZES.paces,
});
failures += [...widget.qualibot, ...widget.relay].reduce((total, run) => total + widgetErrors(run), 0);
section(renderWidgetConcurrency(widget));

// 4. Storage statements and turn time per engine.
const storage = await runStorage({ conversations: SIZES.storageConversations, idleMs: SIZES.idleMs });
failures += storage.runs.reduce((total, run) => total + run.failedTurns, 0);
if (storage.postgresSkipped) console.warn(`⚠ PostgreSQL skipped: ${storage.postgresSkipped}`);
section(renderStorage(storage));

// What a visitor downloads (bench/widget-size.ts prints the same).
const sizes = await measureWidgetSizes();
section(
  [
    '## 5. Widget download sizes',
    '',
    table(['file', 'raw KiB', 'gzip KiB'], sizes.map((row) => [row.file, fmt(row.rawBytes / 1024), fmt(row.gzipBytes / 1024)])),
  ].join('\n'),
);

// 6. The rules extractor alone, per message.
section(renderExtraction(runExtraction({ passes: smoke ? 1 : 30, messageLimit: smoke ? 20 : undefined })));

if (failures > 0) {
  console.error(`✗ ${failures} error(s) during the bench: see the tables above.`);
  process.exitCode = 1;
}
if (!smoke) {
  const header = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString()}. Machine: ${machine}.`,
    'Every figure sits next to a baseline measured in the same run on the same machine: compare ratios, not absolute numbers (the machine may be shared; turns/s move by ±20 % between runs there, ratios much less).',
  ].join('\n');
  writeFileSync(values.out!, `${header}\n\n${sections.join('\n\n')}\n${keptSoakSection(values.out!)}`);
  console.log(`written to ${values.out}`);
}

/** The soak (`npm run bench:soak`, half an hour per engine) is not re-run here: its section of the results file is kept. */
function keptSoakSection(file: string): string {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = previous.indexOf('\n## Soak');
  return start < 0 ? '' : previous.slice(start);
}
