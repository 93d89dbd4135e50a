import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';

/**
 * The bare baselines' HTTP side: restify with its body parser, `POST /api/messages` handed to the adapter,
 * a random loopback port announced as `READY <port>` (what spawnServer waits for). Nothing else.
 */
export function serveOnLoopback(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): void {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, logic);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${server.address().port}\n`);
  });
  // Exit normally when stopped, so `--cpu-prof` writes its profile (bench/profile.ts --server).
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
