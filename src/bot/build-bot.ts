import { MemoryStorage, type ConversationState, type Middleware, type Storage } from 'botbuilder';
import type { LeadEnrichment } from '../enrichment/lead-enrichment.js';
import type { Extractor } from '../extraction/extractor.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import { Qualifier } from '../qualification/qualifier.js';
import { visitorLocale } from '../server/visitor-locale.js';
import { VisitorTextMiddleware } from './middleware/visitor-text-middleware.js';
import { QualibotBot } from './qualibot-bot.js';
import { SnapshotConversationState } from './snapshot-conversation-state.js';

export interface BotParts {
  bot: QualibotBot;
  qualifier: Qualifier;
  conversationState: ConversationState;
  storage: Storage;
  /** Checks and cleans each visitor message before the bot reads it: every adapter running this bot uses it. */
  visitorText: Middleware;
}

/** The bot and its state, the same for the server, the replay engine and the terminal chat. */
export function buildBot(options: { playbook: Playbook; extractor: Extractor; logger: Logger; storage?: Storage; enrichment?: LeadEnrichment }): BotParts {
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new SnapshotConversationState(storage);
  const qualifier = new Qualifier(options.playbook, options.extractor, options.enrichment);
  const bot = new QualibotBot({ playbook: options.playbook, qualifier, conversationState, logger: options.logger });
  const visitorText = new VisitorTextMiddleware(visitorLocale(bot.ports.leads), options.logger);
  return { bot, qualifier, conversationState, storage, visitorText };
}
