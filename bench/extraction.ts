/**
 * The rules extractor's cost per visitor message, for each shipped playbook over its own labelled messages, next to
 * a baseline measured in the same run: folding and segmenting the same messages (what any reader pays first).
 * `node --import tsx bench/extraction.ts [--passes 30]` prints the table alone, for before/after checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RulesExtractor } from '../src/extraction/rules/rules-extractor.js';
import { normalize } from '../src/extraction/rules/text/normalize.js';
import { segment } from '../src/extraction/rules/text/segments.js';
import { loadPlaybook } from '../src/playbook/loader.js';
import type { Locale } from '../src/qualification/types.js';
import { fmt, percentile, table } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The shipped playbooks and the labelled sets written for them. */
export const PLAYBOOK_SETS: ReadonlyArray<{ playbook: string; sets: readonly string[] }> = [
  { playbook: 'champ', sets: ['test/conversations', 'test/holdout', 'test/holdout-2', 'test/holdout-3'] },
  { playbook: 'gpct', sets: ['test/framework-gpct'] },
  { playbook: 'meddicc', sets: ['test/framework-meddicc'] },
  { playbook: 'dialogs/playbooks/hr-payroll.yaml', sets: ['test/hr-payroll'] },
  { playbook: 'dialogs/playbooks/erp-integration.yaml', sets: ['test/erp-integration'] },
];

interface Message {
  text: string;
  locale: Locale;
}

export interface ExtractionBenchRow {
  playbook: string;
  messages: number;
  /** Median µs per message over the passes. */
  extractorUs: number;
  baselineUs: number;
}

function messagesOf(dirs: readonly string[], limit?: number): Message[] {
  const messages: Message[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(`${ROOT}${dir}`).filter((name) => name.endsWith('.json')).sort()) {
      const labelled = JSON.parse(readFileSync(`${ROOT}${dir}/${file}`, 'utf8')) as { locale?: string; answers?: Record<string, string>; visitor?: string[] };
      const locale: Locale = String(labelled.locale ?? 'fr').startsWith('en') ? 'en' : 'fr';
      for (const text of [...Object.values(labelled.answers ?? {}), ...(labelled.visitor ?? [])]) messages.push({ text, locale });
    }
  }
  return limit === undefined ? messages : messages.slice(0, limit);
}

/** Median µs per message of `work` over `passes` passes (two unmeasured passes first, for the JIT). */
function perMessage(messages: readonly Message[], passes: number, work: (message: Message) => void): number {
  for (let warm = 0; warm < 2; warm++) for (const message of messages) work(message);
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = process.hrtime.bigint();
    for (const message of messages) work(message);
    samples.push(Number(process.hrtime.bigint() - started) / 1000 / messages.length);
  }
  return percentile(samples, 50);
}

export function runExtraction(options: { passes: number; messageLimit?: number }): ExtractionBenchRow[] {
  return PLAYBOOK_SETS.map(({ playbook, sets }) => {
    const messages = messagesOf(sets, options.messageLimit);
    const extractor = new RulesExtractor(loadPlaybook(playbook), { now: () => new Date('2026-11-26T10:00:00Z') });
    const baselineUs = perMessage(messages, options.passes, (message) => segment(normalize(message.text)));
    const extractorUs = perMessage(messages, options.passes, (message) => extractor.read({ text: message.text, locale: message.locale, turn: 2, known: {}, history: [] }));
    return { playbook, messages: messages.length, extractorUs, baselineUs };
  });
}

export function renderExtraction(rows: readonly ExtractionBenchRow[]): string {
  return [
    '## 6. Rules extractor per message',
    '',
    'Every labelled visitor message of a playbook\'s sets read by the offline rules extractor (every dimension, knockouts, contact), median of the passes; baseline: folding and segmenting the same messages.',
    '',
    table(
      ['playbook', 'messages', 'extractor µs/message', 'baseline µs/message', 'ratio'],
      rows.map((row) => [row.playbook, String(row.messages), fmt(row.extractorUs, 0), fmt(row.baselineUs, 1), `${fmt(row.extractorUs / row.baselineUs, 0)}×`]),
    ),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { passes: { type: 'string', default: '30' } } });
  console.log(renderExtraction(runExtraction({ passes: Number(values.passes) })));
}
