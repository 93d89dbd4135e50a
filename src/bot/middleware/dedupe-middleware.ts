import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { ProcessedActivityRepository } from '../../storage/ports.js';

/**
 * Channels retry (Teams after 15 s): an activity id already processed for this conversation is
 * acknowledged and dropped, so there is no second reply, LLM call or CRM push.
 */
export class DedupeMiddleware implements Middleware {
  constructor(
    private readonly processed: ProcessedActivityRepository,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, conversation } = context.activity;
    if (!id || !conversation?.id || (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke)) return next();
    if (await this.processed.claim(conversation.id, id)) return next();
    this.logger.info({ conversationId: conversation.id, activityId: id }, 'duplicate activity ignored');
  }
}
