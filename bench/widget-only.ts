/**
 * Section 3 alone (simultaneous widget conversations, LLM mode against the fake model), for before/after checks of
 * acknowledgement and turn latency without the whole bench. Writes no results file.
 * Run: node --import tsx bench/widget-only.ts [--visitors 1000] [--think 2000-5000] [--spread 10000] [--relay]
 *        [--engine sqlite|postgres] [--instances 1] [--model 1000-3000]
 * --engine postgres: Qualibot on a fresh PostgreSQL database (BENCH_DATABASE_URL's server), dropped afterwards.
 * --instances N: N Qualibot processes sharing that database (PostgreSQL unless told otherwise), visitors dealt
 * round-robin over them; compare with `--engine postgres` alone for one instance on the same storage.
 * --model: the fake model's answer delay in ms. On PostgreSQL a turn holds a lock connection (10 per instance)
 * for its whole length, model call included, so slow model calls cap turns/s before the CPU does.
 */
import { parseArgs } from 'node:util';
import { renderWidgetConcurrency, runWidgetConcurrency } from './widget-concurrency.js';

const { values } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    think: { type: 'string', default: '2000-5000' },
    spread: { type: 'string', default: '10000' },
    relay: { type: 'boolean', default: false },
    engine: { type: 'string' },
    instances: { type: 'string', default: '1' },
    model: { type: 'string', default: '1000-3000' },
  },
});
const range = (text: string) => text.split('-').map(Number) as [number, number];
const [thinkMinMs, thinkMaxMs] = range(values.think);
const [llmMinMs, llmMaxMs] = range(values.model);
const instances = Number(values.instances);
const engine = (values.engine ?? (instances > 1 ? 'postgres' : 'sqlite')) === 'postgres' ? 'postgres' : 'sqlite';
const report = await runWidgetConcurrency({
  visitors: Number(values.visitors),
  llmMinMs,
  llmMaxMs,
  paces: [{ name: `visitors typing ${thinkMinMs / 1000}–${thinkMaxMs / 1000} s`, thinkMinMs, thinkMaxMs, startSpreadMs: Number(values.spread) }],
  skipRelay: !values.relay,
  engine,
  instances,
});
console.log(renderWidgetConcurrency(report));
