import type { Middleware, TurnContext } from '../turn.js';
import { ActivityTypes } from '../../channels/protocol.js';
import type { Logger } from '../../logger.js';
import type { TranscriptRepository } from '../../storage/ports/transcripts.js';

/**
 * Every visitor message is stored before the bot answers it, and every bot message as it is sent
 * (the messages of one send in one write), so a crash between the two loses nothing the visitor said
 * and a listener reading the transcript during the turn (handoff event) sees what was already said.
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
        // Already checked and cleaned by VisitorTextMiddleware, which runs first.
        text: activity.text,
        at: new Date().toISOString(),
        activityId: activity.id,
      });
    }
    context.onSendActivities(async (_context, activities, sendNext) => {
      const responses = await sendNext();
      const at = new Date().toISOString();
      // The messages of one send (e.g. greeting + notice) are stored together, once sent: one write.
      const lines = activities
        .filter((sent) => sent.type === ActivityTypes.Message && sent.text)
        // A message an SDR sent through the bot is recorded by the handoff module with the SDR's name.
        .filter((sent) => !(sent.channelData as { qualibot?: { fromSdr?: boolean } } | undefined)?.qualibot?.fromSdr)
        .map((sent) => ({ conversationId, from: 'bot' as const, text: sent.text!, at }));
      if (lines.length > 0) {
        await this.transcripts
          .appendMany(lines)
          .catch((error: unknown) => this.logger.warn({ err: error, conversationId, lines: lines.length }, 'bot messages not stored in transcript'));
      }
      return responses;
    });
    return next();
  }
}
