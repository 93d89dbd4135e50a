import { ActivityTypes, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { buildBot } from '../../src/bot/build-bot.js';
import { createTurnErrorHandler } from '../../src/bot/turn-error.js';
import { createLogger } from '../../src/logger.js';

/**
 * A visitor's conversation with the real bot in-process (botbuilder's TestAdapter, the visitor-text middleware and
 * the turn error handler as the app wires them): opened with a conversationUpdate, then one turn per `say`.
 */
export async function openTestConversation(options: Omit<Parameters<typeof buildBot>[0], 'logger'> & { locale?: string }) {
  const logger = createLogger('silent');
  const parts = buildBot({ ...options, logger });
  const adapter = new TestAdapter();
  adapter.onTurnError = createTurnErrorHandler(logger);
  adapter.use(parts.visitorText);
  const logic = (context: TurnContext) => parts.bot.run(context);
  /** Every activity the bot sent, in order (messages, events, typing). */
  const sent: Partial<Activity>[] = [];
  /** The messages the bot sent since the last drain. */
  const drain = () => {
    const replies = adapter.activeQueue.splice(0);
    sent.push(...replies);
    return replies.filter((reply) => reply.type === ActivityTypes.Message);
  };
  await adapter.processActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'visitor', name: 'Visitor' }], locale: options.locale }, logic);
  const greeting = drain();
  /** The visitor says `text`; resolves to the bot's messages of that turn. */
  const say = async (text: string) => {
    await adapter.processActivity({ type: 'message', text, locale: options.locale }, logic);
    return drain();
  };
  return { greeting, sent, say, drain, adapter, logic };
}
