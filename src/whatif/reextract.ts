import { buildBot } from '../bot/build-bot.js';
import { RulesExtractor } from '../extraction/rules/rules-extractor.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { Decision } from '../qualification/types.js';
import { replayCase } from '../replay/replay-engine.js';
import type { LeadRecord, TranscriptEntry } from '../storage/index.js';
import type { Reextract } from './whatif.js';

/**
 * Plays the visitor's own stored messages, in order, through the real dialog with the candidate playbook and its
 * rules extractor (relative dates read as of the day the conversation began), and returns the decision it takes.
 */
export function rulesReextractor(candidate: Playbook, transcriptOf: (conversationId: string) => Promise<TranscriptEntry[]>, logger: Logger): Reextract {
  let asOf = new Date();
  // Built on first use: compiling the lexicons takes seconds a scoring-only what-if does not need.
  let parts: ReturnType<typeof buildBot> | undefined;
  return async (lead: LeadRecord): Promise<Decision | 'undecided' | 'no-transcript'> => {
    asOf = new Date(lead.startedAt ?? lead.createdAt);
    const visitor = (await transcriptOf(lead.conversationId)).filter((line) => line.from === 'visitor').map((line) => line.text);
    if (visitor.length === 0) return 'no-transcript';
    const context = Object.fromEntries(Object.entries(lead.context).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) as Record<string, string | number | boolean>;
    parts ??= buildBot({ playbook: candidate, extractor: new RulesExtractor(candidate, { now: () => asOf }), logger });
    const result = await replayCase(parts, { id: lead.id, locale: lead.locale, context, visitor }, logger);
    if (!result.route || result.score === undefined || !result.tier) return 'undecided';
    return { route: result.route, handoffReason: result.handoffReason, score: result.score, tier: result.tier, reasons: result.reasons, knockouts: result.knockouts, complete: result.complete };
  };
}
