import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { t } from '../../i18n/messages.js';
import type { Logger } from '../../logger.js';
import { MAX_VISITOR_TEXT } from '../../privacy/sanitize-text.js';
import type { LocaleOf } from '../../server/visitor-locale.js';

/**
 * A visitor message longer than MAX_VISITOR_TEXT characters is refused before the transcript, the
 * conversation state and any extractor see it: the visitor is asked kindly to sum it up, and the
 * refused text is kept nowhere (a 50,000-character paste is a document, maybe full of personal data,
 * that nobody asked for). Neither line of that exchange is written to the transcript.
 */
export class VisitorTextLimitMiddleware implements Middleware {
  constructor(
    private readonly localeOf: LocaleOf,
    private readonly logger: Logger,
    private readonly maxChars = MAX_VISITOR_TEXT,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, text, conversation, channelId } = context.activity;
    if (type !== ActivityTypes.Message || typeof text !== 'string' || text.length <= this.maxChars) return next();
    this.logger.info({ conversationId: conversation?.id, channelId, length: text.length }, 'visitor message refused: too long');
    await context.sendActivity(t('tooLong', await this.localeOf(context)));
  }
}
