// Second baseline: the bare two-question waterfall bot (bench/lib/waterfall-bot.ts) on restify + CloudAdapter.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { WaterfallBot } from './waterfall-bot.js';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new WaterfallBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${address.port}\n`);
});
