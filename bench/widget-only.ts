/**
 * Section 3 alone (simultaneous widget conversations, LLM mode against the fake model), for before/after checks of
 * acknowledgement and turn latency without the whole bench. Writes no results file.
 * Run: node --import tsx bench/widget-only.ts [--visitors 1000] [--think 2000-5000] [--spread 10000] [--relay]
 */
import { parseArgs } from 'node:util';
import { renderWidgetConcurrency, runWidgetConcurrency } from './widget-concurrency.js';

const { values } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    think: { type: 'string', default: '2000-5000' },
    spread: { type: 'string', default: '10000' },
    relay: { type: 'boolean', default: false },
  },
});
const [thinkMinMs, thinkMaxMs] = values.think.split('-').map(Number) as [number, number];
const report = await runWidgetConcurrency({
  visitors: Number(values.visitors),
  llmMinMs: 1000,
  llmMaxMs: 3000,
  paces: [{ name: `visitors typing ${thinkMinMs / 1000}–${thinkMaxMs / 1000} s`, thinkMinMs, thinkMaxMs, startSpreadMs: Number(values.spread) }],
  skipRelay: !values.relay,
});
console.log(renderWidgetConcurrency(report));
