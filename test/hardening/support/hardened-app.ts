import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { vi } from 'vitest';
import { startApp, type App, type AppOverrides } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { FakeConnector } from '../../fakes/fake-connector.js';
import { LogCapture } from './log-capture.js';

/**
 * Moves the time the rate limits read (rate-limiter-flexible reads Date.now()): from the first advance on, Date is
 * faked for this test file and keeps running with the real time, plus the jumps. Timers stay real (sockets, turns).
 */
export class TestClock {
  advance(ms: number): void {
    if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + ms);
  }

  /** Back to the real Date (other files of the lane share this process). */
  restore(): void {
    if (vi.isFakeTimers()) vi.useRealTimers();
  }
}

export interface HardenedApp {
  app: App;
  url: string;
  connector: FakeConnector;
  logs: LogCapture;
  clock: TestClock;
  /** POSTs a raw body to a path; returns status, headers and the text body. */
  raw(path: string, body: string, headers?: Record<string, string>, method?: string): Promise<{ status: number; headers: Headers; body: string }>;
  /** POSTs an activity to /api/messages. */
  post(activity: Partial<Activity>): Promise<{ status: number; headers: Headers; body: string }>;
  /** A message activity of a visitor in a conversation, its serviceUrl the fake connector. */
  message(conversationId: string, text: string, fields?: Partial<Activity>): Partial<Activity>;
  /** Sends one message and returns the bot messages the connector received for it. */
  say(conversationId: string, text: string, fields?: Partial<Activity>): Promise<Partial<Activity>[]>;
  get(path: string): Promise<{ status: number; body: string; json: () => unknown }>;
  /** One sample of /metrics, e.g. `metric('qualibot_turns_total', {outcome: 'ok'})`; summed over other labels. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** The real app on loopback with a fake Bot Connector, captured logs and a movable rate-limit clock. */
export async function startHardenedApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<HardenedApp> {
  const connector = new FakeConnector();
  await connector.start();
  const logs = new LogCapture();
  const clock = new TestClock();
  // `{{connector}}` in a setting is the fake Bot Connector's URL (known once it listens).
  const settings = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replaceAll('{{connector}}', connector.url)]));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: ':memory:', ...settings });
  const app = await startApp(config, createLogger(config.logLevel, logs), overrides);
  const raw: HardenedApp['raw'] = async (path, body, headers = { 'content-type': 'application/json' }, method = 'POST') => {
    const response = await fetch(`${app.url}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  const harness: HardenedApp = {
    app,
    url: app.url,
    connector,
    logs,
    clock,
    raw,
    post: (activity) => raw('/api/messages', JSON.stringify(activity)),
    message: (conversationId, text, fields = {}) => ({
      type: 'message',
      id: randomUUID(),
      channelId: 'webchat',
      serviceUrl: connector.url,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `visitor-${conversationId}`, name: 'Visitor' },
      recipient: { id: 'qualibot', name: 'Qualibot' },
      locale: 'fr-FR',
      text,
      ...fields,
    }),
    async say(conversationId, text, fields) {
      const before = connector.messages(conversationId).length;
      const response = await harness.post(harness.message(conversationId, text, fields));
      if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${response.body}`);
      return connector.messages(conversationId).slice(before);
    },
    async get(path) {
      const response = await fetch(`${app.url}${path}`);
      const body = await response.text();
      return { status: response.status, body, json: () => JSON.parse(body) as unknown };
    },
    async metric(name, labels = {}) {
      const text = (await harness.get('/metrics')).body;
      return sumSamples(text, name, labels);
    },
    async close() {
      clock.restore();
      await app.close();
      await connector.stop();
    },
  };
  return harness;
}

/** Sums the samples of one metric whose labels include `labels` (Prometheus text format). */
export function sumSamples(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const sampleLabels = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => sampleLabels[key] === value)) {
      total += Number(match[4]);
      found = true;
    }
  }
  return found ? total : Number.NaN;
}
