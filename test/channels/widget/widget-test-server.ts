import type { AddressInfo } from 'node:net';
import pino from 'pino';
import restify from 'restify';
import { createWidgetChannel, type WidgetChannel } from '../../../src/channels/widget/index.js';
import { TestBot } from './test-bot.js';

type ChannelOptions = Parameters<typeof createWidgetChannel>[0];

export interface WidgetTestServer {
  url: string;
  channel: WidgetChannel;
  bot: TestBot;
  close(): Promise<void>;
}

/** A restify server on 127.0.0.1 with only the widget channel, driven by the test bot. */
export async function startWidgetTestServer(
  overrides: Partial<ChannelOptions> = {},
  options: { bodyParser?: boolean; typingDelayMs?: number } = {},
): Promise<WidgetTestServer> {
  const bot = new TestBot({ typingDelayMs: options.typingDelayMs });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  // Like the app, unless a test checks that the session route reads the body itself.
  if (options.bodyParser !== false) server.use(restify.plugins.bodyParser({ mapParams: false }));
  const channel = createWidgetChannel({
    bot,
    logger: pino({ level: 'silent' }),
    allowedOrigins: [],
    maxMessageBytes: 16 * 1024,
    messagesPerMinute: 30,
    privacyUrl: 'https://prospekt.example/confidentialite',
    secret: 'test-secret-0123456789abcdef',
    ...overrides,
  });
  channel.mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    channel,
    bot,
    async close() {
      await channel.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
