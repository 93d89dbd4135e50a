import type { Middleware, TurnContext } from '../turn.js';
import { ActivityTypes } from '../../channels/protocol.js';
import { translate } from '../../i18n/translate.js';
import type { Logger } from '../../logger.js';
import { MAX_VISITOR_TEXT, sanitizeVisitorText } from '../../privacy/sanitize-text.js';
import type { LocaleOf } from '../../server/visitor-locale.js';

/**
 * The one place a visitor's message text is checked and cleaned, before the transcript, the conversation state,
 * the handoff and any extractor see it.
 * - Longer than MAX_VISITOR_TEXT characters: refused, the visitor is asked kindly to sum it up, and the refused
 *   text is kept nowhere (a 50,000-character paste is a document, maybe full of personal data, that nobody asked
 *   for). Neither line of that exchange is written to the transcript.
 * - Otherwise: characters a person cannot see are removed (sanitizeVisitorText) and the turn goes on with that text.
 */
export class VisitorTextMiddleware implements Middleware {
  constructor(
    private readonly localeOf: LocaleOf,
    private readonly logger: Logger,
    private readonly maxChars = MAX_VISITOR_TEXT,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, text, conversation, channelId } = context.activity;
    if (type !== ActivityTypes.Message || typeof text !== 'string') return next();
    if (text.length > this.maxChars) {
      this.logger.info({ conversationId: conversation?.id, channelId, length: text.length }, 'visitor message refused: too long');
      await context.sendActivity(translate('bot.tooLong', await this.localeOf(context)));
      return;
    }
    context.activity.text = sanitizeVisitorText(text);
    await next();
  }
}
