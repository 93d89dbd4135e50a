import { createHmac, randomUUID } from 'node:crypto';
import type { AppOverrides } from '../../../src/app.js';
import { FakeSlackServer } from '../../fakes/fake-slack-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests';

export interface SendOptions {
  /** Unix seconds to sign with (default: now). */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
  /** Send without the signature headers. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export interface SlackTestApp {
  t: TestApp;
  slack: FakeSlackServer;
  /** POSTs a raw body to /api/slack/events, signed as Slack does. */
  postEvent(body: unknown, options?: SendOptions): Promise<{ status: number; body: string }>;
  /** POSTs an interactivity payload (`payload=<json>`, form-encoded), signed. */
  postInteraction(payload: unknown, options?: SendOptions): Promise<{ status: number; body: string }>;
  /** Waits until every acknowledged Slack request has been handled. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Slack's v0 signature, computed independently of the code under test. */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The real app on loopback with Slack enabled and its Web API pointed at a fake Slack. */
export async function startSlackTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<SlackTestApp> {
  const slack = new FakeSlackServer();
  await slack.start();
  const t = await startTestApp(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, SLACK_MIN_SEND_INTERVAL_MS: '0', ...env },
    overrides,
  );
  const send = async (path: string, body: string, contentType: string, options: SendOptions = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature: Record<string, string> = options.unsigned
      ? {}
      : { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(body, timestamp, options.secret) };
    const response = await fetch(`${t.app.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...signature, ...options.headers }, body });
    return { status: response.status, body: await response.text() };
  };
  return {
    t,
    slack,
    postEvent: (body, options) => send('/api/slack/events', typeof body === 'string' ? body : JSON.stringify(body), 'application/json', options),
    postInteraction: (payload, options) =>
      send('/api/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options),
    settle: () => t.app.slack!.idle(),
    async close() {
      await t.close();
      await slack.stop();
    },
  };
}

/** An Events API envelope as Slack sends it, with the installing bot in `authorizations`. */
export function eventCallback(slack: FakeSlackServer, event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: slack.teamId,
    api_app_id: 'A0QUALIBOT',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: slack.teamId, user_id: slack.botUserId, is_bot: true, is_enterprise_install: false }],
    event: { event_ts: event.ts, ...event },
  };
}

let tsCounter = 0;
/** A fresh Slack message timestamp. */
export function nextTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
}
