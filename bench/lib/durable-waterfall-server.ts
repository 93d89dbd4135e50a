// Third baseline: the same bare waterfall made durable with the framework's own building blocks, to show
// what durability alone costs: its ConversationState on SQLite (the Storage Qualibot uses) and botbuilder's
// TranscriptLoggerMiddleware writing every activity, in and out, to Qualibot's SQLite transcript table.
import { join } from 'node:path';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import { WaterfallBot } from './waterfall-bot.js';
import { serveOnLoopback } from './serve-on-loopback.js';

const db = openSqliteDatabase({ filename: join(process.env.DATA_DIR ?? '.', 'durable-waterfall.sqlite') });
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.use(
  new TranscriptLoggerMiddleware({
    logActivity: async (activity: Activity) => {
      if (activity.type !== ActivityTypes.Message) return;
      await db.transcripts.append({
        conversationId: activity.conversation.id,
        from: activity.from?.role === 'bot' ? 'bot' : 'visitor',
        text: activity.text ?? '',
        at: new Date().toISOString(),
      });
    },
  }),
);
const bot = new WaterfallBot(db.state);
serveOnLoopback(adapter, (context) => bot.run(context));
