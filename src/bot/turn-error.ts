import { ActivityTypes, type TurnContext } from 'botbuilder';
import { detectLocale } from '../extraction/detect-locale.js';
import { t, toLocale } from '../i18n/messages.js';
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
      await context.sendActivity(t('turnError', locale));
    } catch (sendError) {
      logger.warn({ err: sendError, conversationId: activity.conversation?.id }, 'could not tell the visitor about the failed turn');
    }
  };
}
