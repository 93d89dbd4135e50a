// Second baseline: the bare two-question waterfall bot (bench/lib/waterfall-bot.ts) on restify + CloudAdapter.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { WaterfallBot } from './waterfall-bot.js';
import { serveOnLoopback } from './serve-on-loopback.js';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new WaterfallBot();
serveOnLoopback(adapter, (context) => bot.run(context));
