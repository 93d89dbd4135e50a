import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createTurnErrorHandler } from '../../bot/turn-error.js';
import { VISITOR_LEFT_EVENT } from '../../bot/bot-ports.js';
import type { Logger } from '../../logger.js';
import type { TurnContext } from '../../bot/turn.js';
import type { Activity } from '../../channels/activity.js';
import { ActivityTypes } from '../../channels/protocol.js';
import { loadConfig } from '../../config.js';
import { createInProcessTurns } from '../../runtime/in-process-turns.js';
import { botFromEnv } from '../bot-from-env.js';

/** A terminal conversation with the real bot: type answers, or a number to click a quick reply. */
export async function runChat(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { locale: { type: 'string' } } });
  const locale = values.locale === 'en' ? 'en-US' : values.locale === 'fr' ? 'fr-FR' : undefined;
  const parts = botFromEnv(logger);
  // In-process turns on the runtime BOT_RUNTIME picks, as replays run.
  const adapter = createInProcessTurns(loadConfig(process.env).botFramework.runtime, {
    channelId: 'terminal',
    serviceUrl: 'https://terminal.invalid',
    conversation: { id: `terminal-${Date.now()}`, isGroup: false, conversationType: 'personal', name: 'terminal' },
    user: { id: 'visitor', name: 'You' },
    bot: { id: 'qualibot', name: 'Qualibot' },
  });
  adapter.onTurnError = createTurnErrorHandler(logger);
  adapter.use(parts.visitorText);
  const logic = (context: TurnContext) => parts.bot.runTurn(context);
  let choices: string[] = [];
  const show = (replies: Partial<Activity>[]) => {
    for (const reply of replies) {
      if (reply.type !== ActivityTypes.Message) continue;
      console.log(`\x1b[36mbot ›\x1b[0m ${reply.text ?? ''}`);
      const data = (reply.channelData as { qualibot?: { route?: string; handoffReason?: string; score?: number } } | undefined)?.qualibot;
      if (data?.route) console.log(`\x1b[2m      [route: ${data.route}${data.handoffReason ? `/${data.handoffReason}` : ''}, score ${data.score}]\x1b[0m`);
      choices = (reply.suggestedActions?.actions ?? []).map((action) => String(action.value ?? action.title));
      choices.forEach((choice, index) => console.log(`\x1b[2m      ${index + 1}. ${choice}\x1b[0m`));
    }
  };
  console.log('Qualibot terminal chat. Type your answers (or a quick-reply number); Ctrl+D to leave.\n');
  show(await adapter.process({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'visitor', name: 'You' }], locale }, logic));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('\x1b[33myou ›\x1b[0m ');
  rl.prompt();
  for await (const line of rl) {
    const picked = /^\d+$/.test(line.trim()) ? choices[Number(line.trim()) - 1] : undefined;
    const text = picked ?? line;
    if (picked) console.log(`\x1b[2m      (${picked})\x1b[0m`);
    show(await adapter.process({ type: ActivityTypes.Message, text, locale }, logic));
    rl.prompt();
  }
  show(await adapter.process({ type: ActivityTypes.Event, name: VISITOR_LEFT_EVENT, locale }, logic));
  return 0;
}
