/**
 * Where Qualibot's CPU goes under the throughput load: runs the Qualibot child with --cpu-prof,
 * loads /api/messages like bench/throughput.ts does, and prints the heaviest owners, frames and
 * functions of ours, per turn. `--server durable-waterfall` profiles that baseline instead, to compare owners.
 * Run: node --import tsx bench/profile.ts [--seconds 10] [--top 30] [--keep] [--server qualibot|durable-waterfall|waterfall|echo]
 */
import { parseArgs } from 'node:util';
import { formatProfile } from './lib/cpu-profile.js';
import { profileQualibot } from './lib/profile-qualibot.js';
import type { ThroughputServer } from './throughput.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, top: { type: 'string', default: '30' }, keep: { type: 'boolean', default: false }, server: { type: 'string', default: 'qualibot' } } });
const { result, summary, keptAt } = await profileQualibot({ durationSeconds: Number(values.seconds), connections: 20, keep: values.keep, server: values.server as ThroughputServer });
console.log(`under the profiler: ${result.turnsPerSecond.toFixed(0)} turns/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms\n`);
console.log(formatProfile(summary, Number(values.top), result.turns));
if (keptAt) console.log(`\nprofile kept: ${keptAt} (open it in Chrome DevTools > Performance)`);
