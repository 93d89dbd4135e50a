import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { sanitizeVisitorText } from '../../privacy/sanitize-text.js';
import type { TranscriptRepository } from '../../storage/ports.js';

/**
 * Every visitor message is stored before the bot answers it, and every bot message as it is sent,
 * so a crash between the two loses nothing the visitor said.
 */
export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly transcripts: TranscriptRepository,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId) return next();
    if (activity.type === ActivityTypes.Message && activity.text) {
      await this.transcripts.append({
        conversationId,
        from: 'visitor',
        text: sanitizeVisitorText(activity.text).slice(0, 8000),
        at: new Date().toISOString(),
        activityId: activity.id,
      });
    }
    context.onSendActivities(async (_context, activities, sendNext) => {
      const responses = await sendNext();
      for (const sent of activities) {
        if (sent.type !== ActivityTypes.Message || !sent.text) continue;
        // A message an SDR sent through the bot is recorded by the handoff module with the SDR's name.
        if ((sent.channelData as { qualibot?: { fromSdr?: boolean } } | undefined)?.qualibot?.fromSdr) continue;
        await this.transcripts
          .append({ conversationId, from: 'bot', text: sent.text, at: new Date().toISOString() })
          .catch((error: unknown) => this.logger.warn({ err: error, conversationId }, 'bot message not stored in transcript'));
      }
      return responses;
    });
    return next();
  }
}
