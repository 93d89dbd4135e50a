import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { startApp, type App, type AppOverrides } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeConnector } from '../fakes/fake-connector.js';

export interface TestApp {
  app: App;
  connector: FakeConnector;
  /** POSTs an activity to /api/messages as a channel would; returns the HTTP status. */
  post(activity: Partial<Activity>): Promise<{ status: number; body: string }>;
  activity(conversationId: string, channelId: string, fields: Partial<Activity>): Partial<Activity>;
  close(): Promise<void>;
}

/** The real server on a loopback port, with a fake Bot Connector as every activity's serviceUrl. */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestApp> {
  const connector = new FakeConnector();
  await connector.start();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: ':memory:', ...env });
  const app = await startApp(config, createLogger('silent'), overrides);
  return {
    app,
    connector,
    async post(activity) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    activity(conversationId, channelId, fields) {
      return {
        id: randomUUID(),
        channelId,
        serviceUrl: connector.url,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `user-${conversationId}`, name: 'Visitor' },
        recipient: { id: 'qualibot', name: 'Qualibot' },
        timestamp: new Date(),
        ...fields,
      } as Partial<Activity>;
    },
    async close() {
      await app.close();
      await connector.stop();
    },
  };
}
