import { ActivityEventNames, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { ConversationLock, ProcessedActivityRepository } from '../../storage/ports.js';

/**
 * Runs each incoming turn alone for its conversation and at most once per activity id.
 *
 * - Serialised: conversation state is read at the start of a turn and written at its end, so two
 *   messages of one conversation processed at once would lose an update.
 * - Once: channels retry (Teams after 15 s). The id is recorded only when the turn has completed,
 *   so an activity redelivered after a crash mid-turn is processed, while a retry of a completed one
 *   is acknowledged and dropped (no second reply, LLM call or CRM push).
 *
 * Proactive turns (continueConversation) are not locked: they may be started from inside a turn.
 */
export class TurnGuardMiddleware implements Middleware {
  constructor(
    private readonly lock: ConversationLock,
    private readonly processed: ProcessedActivityRepository,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, name, conversation } = context.activity;
    if (!conversation?.id || (type === ActivityTypes.Event && name === ActivityEventNames.ContinueConversation)) return next();
    const once = Boolean(id) && (type === ActivityTypes.Message || type === ActivityTypes.Invoke);
    await this.lock.run(conversation.id, async () => {
      if (once && (await this.processed.has(conversation.id, id!))) {
        this.logger.info({ conversationId: conversation.id, activityId: id }, 'duplicate activity ignored');
        return;
      }
      await next();
      if (once) await this.processed.claim(conversation.id, id!);
    });
  }
}
