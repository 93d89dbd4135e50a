/**
 * `npm run bench` (full) or `npm run bench -- --smoke` (tiny numbers, run in CI so the script does not rot).
 * Writes bench/results.md (full runs only) and prints every figure with its baseline.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runThroughput } from './throughput.js';

const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, out: { type: 'string', default: 'bench/results.md' } } });
const smoke = values.smoke;
const sections: string[] = [];
const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`# Qualibot benchmarks${smoke ? ' (smoke)' : ''} — ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}\n`);

const throughput = await runThroughput({ durationSeconds: smoke ? 1 : 10, connections: smoke ? 2 : 20 });
const rows = [throughput.echo, throughput.qualibot].map(
  (result) => `| ${result.name} | ${fmt(result.turnsPerSecond, 0)} | ${fmt(result.p50Ms)} | ${fmt(result.p99Ms)} | ${result.errors + result.non2xx} | ${result.replies} |`,
);
sections.push(
  [
    '## Turn throughput through /api/messages (autocannon, 20 connections, loopback connector)',
    '',
    '| server | turns/s | p50 ms | p99 ms | errors | replies received |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Qualibot (rules extractor, SQLite, dedupe + transcript + per-conversation lock) runs at **${fmt(throughput.ratio * 100)}%** of the bare botbuilder echo bot's throughput.`,
  ].join('\n'),
);
if (throughput.echo.errors + throughput.echo.non2xx + throughput.qualibot.errors + throughput.qualibot.non2xx > 0) process.exitCode = 1;

const report = sections.join('\n\n');
console.log(report);
if (!smoke) {
  writeFileSync(values.out!, `# Benchmark results\n\nMachine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString()}.\n\n${report}\n`);
  console.log(`\nwritten to ${values.out}`);
}
