import type { Middleware, TurnContext } from '../turn.js';
import { ActivityTypes, CONTINUE_CONVERSATION_EVENT } from '../../channels/protocol.js';
import type { Logger } from '../../logger.js';
import type { ConversationLock } from '../../storage/ports/conversation-lock.js';

/** Which activities of a conversation had their turn completed (the port TurnGuardMiddleware dedupes with). */
export interface CompletedTurns {
  /** Whether the turn of this activity of the context's conversation already completed. Called under the conversation lock. */
  includes(context: TurnContext, activityId: string): Promise<boolean>;
  /** Records the activity as completed, durably only if the turn itself completes. */
  remember(context: TurnContext, activityId: string): Promise<void>;
}

/**
 * Runs each incoming turn alone for its conversation and at most once per activity id.
 *
 * - Serialised: conversation state is read at the start of a turn and written at its end, so two
 *   messages of one conversation processed at once would lose an update.
 * - Once: channels retry (Teams after 15 s). The id is recorded only when the turn has completed
 *   (CompletedTurns: with the turn's own state write), so an activity redelivered after a crash
 *   mid-turn is processed, while a retry of a completed one is acknowledged and dropped (no second
 *   reply, LLM call or CRM push).
 *
 * Proactive turns (continueConversation) are not locked: they may be started from inside a turn.
 */
export class TurnGuardMiddleware implements Middleware {
  constructor(
    private readonly lock: ConversationLock,
    private readonly completed: CompletedTurns,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, name, conversation } = context.activity;
    if (!conversation?.id || (type === ActivityTypes.Event && name === CONTINUE_CONVERSATION_EVENT)) return next();
    // Messages and invokes run at most once; other activities (conversation updates, events) are only serialised.
    const onceId = id && (type === ActivityTypes.Message || type === ActivityTypes.Invoke) ? id : undefined;
    await this.lock.run(conversation.id, async () => {
      if (!onceId) return next();
      if (await this.completed.includes(context, onceId)) {
        this.logger.info({ conversationId: conversation.id, activityId: onceId }, 'duplicate activity ignored');
        return;
      }
      await this.completed.remember(context, onceId);
      await next();
    });
  }
}
