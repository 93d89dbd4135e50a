import { readFileSync } from 'node:fs';
import { withPlaybook } from '../bot-from-env.js';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { loadPlaybook } from '../../playbook/loader.js';
import type { Fact } from '../../qualification/types.js';
import { decide } from '../../scoring/scorer.js';

const factInput = z.object({
  value: z.string(),
  evidence: z.string().default(''),
  confidence: z.number().min(0).max(1).default(1),
  amount: z.object({ value: z.number(), currency: z.string(), period: z.enum(['once', 'month', 'year']), upTo: z.number().optional() }).optional(),
  months: z.number().optional(),
  headcount: z.number().optional(),
  sector: z.string().optional(),
});

/** A facts file: `{facts: {money: {value, evidence, amount?}}, knockouts?, contradictions?, unclear?, complete?}`. */
const factsFile = z.object({
  facts: z.record(z.string(), factInput).default({}),
  knockouts: z.array(z.object({ id: z.string(), evidence: z.string().default('') })).default([]),
  contradictions: z.record(z.string(), z.object({ values: z.array(z.string()), evidence: z.array(z.string()).default([]) })).default({}),
  unclear: z.array(z.string()).default([]),
  complete: z.boolean().default(true),
});

export const SCORE_USAGE = 'Usage: qualibot score FILE [--playbook NAME|FILE] [--json]';

export async function runScore(args: string[], _logger: Logger): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, playbook: { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    console.error(SCORE_USAGE);
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    console.error(`${file}: not JSON (${(error as Error).message})`);
    return 2;
  }
  const parsed = factsFile.safeParse(json);
  if (!parsed.success) {
    console.error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return 2;
  }
  const playbook = loadPlaybook(loadConfig(withPlaybook(process.env, values.playbook)).playbook);
  const input = parsed.data;
  // A fact for a dimension the playbook lacks would be silently ignored: say so instead.
  const known = playbook.dimensions.map((dimension) => dimension.id);
  const unknown = Object.keys(input.facts).filter((dimension) => !known.includes(dimension));
  if (unknown.length > 0) {
    console.error(`${file}: facts.${unknown[0]}: the playbook ${playbook.id} has no such dimension (it has: ${known.join(', ')})`);
    return 2;
  }
  const facts: Record<string, Fact> = {};
  for (const [dimension, fact] of Object.entries(input.facts)) facts[dimension] = { ...fact, dimension, source: 'rules', turn: 0 };
  const decision = decide(playbook, {
    facts,
    knockouts: input.knockouts.map((hit) => ({ ...hit, turn: 0, source: 'rules' })),
    contradictions: Object.fromEntries(Object.entries(input.contradictions).map(([dimension, c]) => [dimension, { dimension, ...c }])),
    unclear: input.unclear,
    complete: input.complete,
  });
  if (values.json) {
    console.log(JSON.stringify(decision, null, 2));
    return 0;
  }
  console.log(`playbook ${playbook.id}@${playbook.version}`);
  for (const reason of decision.reasons) {
    console.log(`  ${String(reason.points).padStart(3)}  ${reason.rule.padEnd(32)} ${reason.detail}${reason.evidence ? `  «${reason.evidence}»` : ''}`);
  }
  console.log(`score ${decision.score}/100 → ${decision.route}${decision.handoffReason ? ` (${decision.handoffReason})` : ''}, tier ${decision.tier}`);
  return 0;
}
