import type { Middleware, TurnContext } from '../bot/turn.js';
import { ActivityTypes } from '../channels/protocol.js';
import { translate } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import type { KeyedRateLimiter, RateDecision } from './rate-limits.js';
import type { LocaleOf } from './visitor-locale.js';

/** Told about every refused message (metrics). */
export type OnRateLimited = (limit: 'conversation' | 'visitor') => void;

/**
 * Messages per minute per conversation and per visitor (`from.id`), checked before anything else of
 * the turn (no dedupe write, transcript, state or extraction for a refused message). The first
 * refused message of a burst gets the kind "give me a few seconds" answer in the visitor's
 * language; the rest of the burst is acknowledged silently, so a flood is not answered by a flood.
 */
export class VisitorRateLimitMiddleware implements Middleware {
  constructor(
    private readonly limits: { perConversation: KeyedRateLimiter; perVisitor: KeyedRateLimiter },
    private readonly localeOf: LocaleOf,
    private readonly logger: Logger,
    private readonly onRateLimited?: OnRateLimited,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, channelId, conversation, from } = context.activity;
    if (type !== ActivityTypes.Message || !conversation?.id) return next();
    let limit: 'conversation' | 'visitor' = 'conversation';
    let decision: RateDecision = await this.limits.perConversation.take(`${channelId}|${conversation.id}`);
    if (decision.allowed && from?.id) {
      limit = 'visitor';
      decision = await this.limits.perVisitor.take(`${channelId}|${from.id}`);
    }
    if (decision.allowed) return next();
    this.onRateLimited?.(limit);
    if (!decision.firstRefusal) return;
    this.logger.warn({ conversationId: conversation.id, channelId, limit, retryAfterMs: decision.retryAfterMs }, 'visitor rate-limited');
    await context.sendActivity(translate('bot.rateLimited', await this.localeOf(context)));
  }
}
