import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/handoff/password-hash.js';
import { TestSocket, postSession, refusedStatus, socketUrl } from '../channels/widget/socket-test-client.js';
import { startHardenedApp, sumSamples, type HardenedApp } from './support/hardened-app.js';

/**
 * The security probe of issue 21, replayed against one real server (loopback, behind one trusted proxy, public
 * address in https, operations endpoints on their own port with a token). Findings 3, 4 and 8 are proved in-process
 * (test/handoff/sdr-auth.test.ts, test/handoff/sdr-cli.test.ts, test/channels/widget/page-context.test.ts).
 */
const METRICS_TOKEN = 'probe-metrics-token-0123456789';
const PASSWORD = 'violet marmot orbit 42';
let t: HardenedApp;

beforeAll(async () => {
  t = await startHardenedApp({
    WARM_UP: 'false',
    TRUST_PROXY_HOPS: '1',
    PUBLIC_URL: 'https://bot.example.com',
    METRICS_TOKEN,
    METRICS_PORT: '0',
    RATE_LIMIT_MESSAGES_PER_MINUTE: '5',
    RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
    WIDGET_SECRET: 'probe-widget-secret-0123456789',
  });
  await t.app.db.sdrs.add({ id: randomUUID(), email: 'marie@prospekt.example', name: 'Marie', passwordHash: await hashPassword(PASSWORD) });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function operations(path: string, token?: string): Promise<Response> {
  return fetch(`${t.app.operationsUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  return sumSamples(await (await operations('/metrics', METRICS_TOKEN)).text(), name, labels) || 0;
}

function login(password: string, forwardedFor: string) {
  return t.raw('/api/sdr/login', JSON.stringify({ email: 'marie@prospekt.example', password }), { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor });
}

describe('finding 1: one visitor cannot flood a widget conversation through extra sockets, nor store refused text', () => {
  it('caps the sockets of a conversation, applies RATE_LIMIT_MESSAGES_PER_MINUTE across them, and stores nothing refused', async () => {
    const { body: session } = await postSession(t.url, { locale: 'fr-FR' }, { origin: t.url });
    const sockets: TestSocket[] = [];
    for (let index = 0; index < 5; index += 1) sockets.push(await TestSocket.open(t.url, session, 0, { origin: t.url }));
    expect(await refusedStatus(socketUrl(t.url, session.socketToken), { origin: t.url })).toBe(429);
    await sockets[0]!.waitForStored(1);

    // Four messages per socket, 20 in all: RATE_LIMIT_MESSAGES_PER_MINUTE (5) holds for the conversation, not per socket.
    const longText = 'x'.repeat(15_000);
    sockets[0]!.sendActivity({ type: 'message', text: longText, channelData: { clientActivityID: 'long' } });
    for (const [index, socket] of sockets.entries()) {
      for (let n = 0; n < 4; n += 1) socket.sendActivity({ type: 'message', text: `message ${index}-${n}`, channelData: { clientActivityID: `m${index}-${n}` } });
    }
    const errors = () => sockets.flatMap((socket) => socket.frames.filter((frame) => frame.type === 'error'));
    await sockets[0]!.waitFor(() => errors().length >= 16, 10_000);
    expect(errors().filter((frame) => frame.type === 'error' && frame.code === 'rate_limited')).toHaveLength(15);
    expect(errors().find((frame) => frame.type === 'error' && frame.clientActivityId === 'long')).toMatchObject({ code: 'message_too_large', maxChars: 4000 });

    const stored = await t.app.db.widgetActivities.since(session.conversationId, 0);
    const visitorTexts = stored.map((record) => record.activity).filter((activity) => activity.from?.role === 'user').map((activity) => activity.text);
    expect(visitorTexts).toHaveLength(5);
    expect(visitorTexts.every((text) => (text ?? '').length < 100)).toBe(true);
    expect(await metric('qualibot_rate_limited_total', { limit: 'conversation' })).toBe(15);
    await Promise.all(sockets.map((socket) => socket.close()));
  });
});

describe('findings 2 and 5: the login throttle behind a proxy, and a trace of every failure', () => {
  it('ten wrong passwords from one forwarded address do not lock the SDR out elsewhere; each failure is logged and counted', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) expect((await login(`wrong guess ${attempt}`, '6.6.6.6, 198.51.100.9')).status).toBe(401);
    const refused = await login(PASSWORD, '6.6.6.6, 198.51.100.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    // The SDR, from their own address behind the same proxy, gets in at once.
    expect((await login(PASSWORD, '198.51.100.200')).status).toBe(200);

    const failures = t.logs.records().filter((record) => record.msg === 'sdr login failed');
    expect(failures).toHaveLength(10);
    const client = createHash('sha256').update('198.51.100.9').digest('hex').slice(0, 16);
    expect(failures.every((record) => record.client === client && record.reason === 'wrong_password' && typeof record.sdrId === 'string')).toBe(true);
    expect(t.logs.text()).not.toContain('wrong guess');
    expect(await metric('qualibot_login_failures_total', { reason: 'wrong_password' })).toBe(10);
    expect(await metric('qualibot_rate_limited_total', { limit: 'login' })).toBe(1);
  });
});

describe('finding 6: /metrics and /readyz are not public', () => {
  it('serves them only on the operations listener, and only with METRICS_TOKEN; /healthz stays public', async () => {
    expect((await t.get('/metrics')).status).toBe(404);
    expect((await t.get('/readyz')).status).toBe(404);
    expect((await t.get('/healthz')).status).toBe(200);
    for (const path of ['/metrics', '/readyz']) {
      const anonymous = await operations(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await operations(path, 'not-the-token')).status).toBe(401);
      expect((await operations(path, METRICS_TOKEN)).status).toBe(200);
    }
  });
});

describe('finding 7: security headers on every response class', () => {
  const csp = (headers: Headers) => headers.get('content-security-policy') ?? '';

  it('demo pages: a CSP of their own that forbids framing and remote images; HSTS since PUBLIC_URL is https', async () => {
    for (const path of ['/', '/en']) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status).toBe(200);
      expect(csp(response.headers)).toContain("frame-ancestors 'none'");
      expect(csp(response.headers)).toContain("script-src 'self'");
      expect(csp(response.headers)).toContain("img-src 'self' data: blob:");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    }
  });

  it('the widget loader and its files, the SDR JSON API, /api/messages errors and 404s: nosniff, nothing may run or frame them', async () => {
    const responses = [
      await fetch(`${t.url}/widget.js`),
      await fetch(`${t.url}/widget/demo.css`),
      await fetch(`${t.url}/api/sdr/handoffs`),
      await fetch(`${t.url}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' }),
      await fetch(`${t.url}/nothing-here`),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 401, 400, 400, 404]);
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(csp(response.headers)).toContain("default-src 'none'");
      expect(csp(response.headers)).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    }
  });

  it('the SDR console keeps its own strict policy', async () => {
    const response = await fetch(`${t.url}/sdr`);
    expect(csp(response.headers)).toContain("script-src 'self'");
    expect(csp(response.headers)).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});
