import type { TurnContext } from './turn.js';
import { ActivityTypes } from '../channels/protocol.js';
import { detectLocale } from '../extraction/detect-locale.js';
import { toLocale } from '../i18n/locale-tags.js';
import { translate } from '../i18n/translate.js';
import type { Logger } from '../logger.js';

/**
 * The one place a failed turn ends: logged with the conversation id, answered kindly in the
 * visitor's language. State is not saved for a failed turn, so the conversation stays where it was.
 */
export function createTurnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    logger.error({ err: error, conversationId: activity?.conversation?.id, channelId: activity?.channelId, activityId: activity?.id }, 'turn failed');
    if (activity?.type !== ActivityTypes.Message) return;
    const locale = toLocale(activity.locale) ?? detectLocale(activity.text ?? '') ?? 'fr';
    try {
      await context.sendActivity(translate(isOutage(error) ? 'bot.unavailable' : 'bot.turnError', locale));
    } catch (sendError) {
      logger.warn({ err: sendError, conversationId: activity.conversation?.id }, 'could not tell the visitor about the failed turn');
    }
  };
}

/** A dependency is down (database, network): asking the visitor to rephrase would not help. */
function isOutage(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  return /^(E[A-Z]{3,}|SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)|57P0\d|08\d{3}|53\d{3})$/.test(code) || /connection (terminated|refused|lost)|timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
