import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { labelledCaseOf } from '../../feedback/labelled-export.js';
import type { Logger } from '../../logger.js';
import { loadPlaybook } from '../../playbook/loader.js';
import { withDatabase } from '../open-database-from-env.js';

const USAGE = 'Usage: qualibot feedback export-cases --out DIR [--since DATE] [--handoff ID]';

/**
 * `qualibot feedback export-cases --out DIR`: every conversation an SDR judged becomes a labelled case
 * (one JSON file each, replayable with `qualibot eval DIR`), so real conversations turn into regression cases.
 */
export async function runFeedback(args: string[], logger: Logger): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, since: { type: 'string' }, handoff: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, ...extra] = parsed.positionals;
  const { out, handoff } = parsed.values;
  if (action !== 'export-cases' || extra.length || !out) {
    console.error(action === 'export-cases' ? `--out DIR is required.\n${USAGE}` : USAGE);
    return 2;
  }
  const since = parsed.values.since ? new Date(parsed.values.since) : undefined;
  if (since && Number.isNaN(since.getTime())) {
    console.error(`--since "${parsed.values.since}" is not a date (use e.g. 2026-01-31)`);
    return 2;
  }
  const playbook = loadPlaybook(loadConfig().playbook);
  const written = await withDatabase(logger, async (db) => {
    const judged = (await db.feedback.labelled(since ? { since } : {})).filter((item) => !handoff || item.verdict.handoffId === handoff);
    mkdirSync(out, { recursive: true });
    const files: string[] = [];
    for (const item of judged) {
      const labelled = labelledCaseOf(item, await db.transcripts.list(item.lead.conversationId), playbook);
      const file = join(out, `${labelled.id}.json`);
      writeFileSync(file, `${JSON.stringify(labelled, null, 2)}\n`);
      files.push(file);
    }
    return files;
  });
  if (handoff && written.length === 0) {
    console.error(`No verdict for handoff ${handoff}.`);
    return 1;
  }
  for (const file of written) console.log(file);
  console.error(`${written.length} labelled case(s) written to ${out}.`);
  return 0;
}
