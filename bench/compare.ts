/**
 * Section 1 alone, for quick before/after checks while optimising: the throughput load against the chosen
 * servers (default: echo and Qualibot), with the ratio to the first one. Writes no results file.
 * Run: node --import tsx bench/compare.ts [--servers echo,waterfall,durable-waterfall,qualibot] [--seconds 5]
 */
import { parseArgs } from 'node:util';
import { runThroughput, type ThroughputServer } from './throughput.js';
import { fmt } from './lib/stats.js';

const { values } = parseArgs({ options: { servers: { type: 'string', default: 'echo,qualibot' }, seconds: { type: 'string', default: '5' } } });
const KNOWN: readonly string[] = ['echo', 'waterfall', 'durable-waterfall', 'qualibot'] satisfies ThroughputServer[];
const servers = values.servers.split(',') as ThroughputServer[];
const unknown = servers.filter((name) => !KNOWN.includes(name));
if (unknown.length) throw new Error(`unknown server(s) ${unknown.join(', ')}: choose among ${KNOWN.join(', ')}`);
const report = await runThroughput({ durationSeconds: Number(values.seconds), connections: 20, servers });
const baseline = report.results[0]!;
for (const result of report.results) {
  const cpu = result.cpuMsPerTurn === undefined ? 'n/a' : fmt(result.cpuMsPerTurn, 2);
  const replies = fmt(result.replies / Math.max(1, result.turns), 2);
  const ratio = fmt((result.turnsPerSecond / baseline.turnsPerSecond) * 100);
  console.log(`${result.name.padEnd(18)} ${fmt(result.turnsPerSecond, 0).padStart(6)} turns/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  CPU ${cpu} ms/turn  ${replies} replies/turn  errors ${result.errors + result.non2xx}  ${ratio}% of ${baseline.name}`);
}
