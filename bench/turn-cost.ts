/**
 * Server CPU per turn for a fixed mix of turns, the figure to iterate on when the machine is shared: the same
 * number of complete five-message conversations through each server (after an unmeasured warm-up of the same
 * mix), so the load of other processes changes how long it takes, much less what each turn costs.
 * Run: node --import tsx bench/turn-cost.ts [--servers durable-waterfall,qualibot] [--conversations 240] [--repeat 2]
 */
import { parseArgs } from 'node:util';
import { QUALIFICATION_SCRIPT } from './lib/qualification-script.js';
import { fmt } from './lib/stats.js';
import { runThroughput, type ThroughputServer } from './throughput.js';

const { values } = parseArgs({
  options: { servers: { type: 'string', default: 'durable-waterfall,qualibot' }, conversations: { type: 'string', default: '240' }, repeat: { type: 'string', default: '2' } },
});
const servers = values.servers.split(',') as ThroughputServer[];
// Whole conversations for every lane (bench/throughput.ts runs 4 lanes per connection, 20 connections).
const LANES = 80;
const conversations = Math.max(LANES, Math.round(Number(values.conversations) / LANES) * LANES);
const turns = conversations * QUALIFICATION_SCRIPT.length;
for (let run = 1; run <= Number(values.repeat); run += 1) {
  const report = await runThroughput({ durationSeconds: 0, connections: 20, amount: turns, warmupAmount: LANES * QUALIFICATION_SCRIPT.length, servers });
  const baseline = report.results[0]!;
  for (const result of report.results) {
    const cpu = result.cpuMsPerTurn ?? Number.NaN;
    const ratio = (baseline.cpuMsPerTurn ?? Number.NaN) / cpu;
    console.log(
      `run ${run}  ${result.name.padEnd(18)} CPU ${fmt(cpu, 2)} ms/turn (${fmt(ratio, 2)}× ${baseline.name}'s turns per CPU second)  ${fmt(result.replies / Math.max(1, result.turns), 2)} replies/turn  ${fmt(result.turnsPerSecond, 0)} turns/s  errors ${result.errors + result.non2xx}`,
    );
  }
}
