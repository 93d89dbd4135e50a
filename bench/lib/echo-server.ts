// Baseline: a bare botbuilder echo bot on restify + CloudAdapter, unauthenticated, nothing else.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { serveOnLoopback } from './serve-on-loopback.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
serveOnLoopback(adapter, (context) => bot.run(context));
