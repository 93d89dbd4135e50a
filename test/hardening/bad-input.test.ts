import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';
import { startTrapServer, type TrapServer } from './support/trap-server.js';

type ErrorBody = { error: { code: string; message: string } };

/** Every refusal: the status, our `{error: {code, message}}` shape, a readable message. */
function expectError(response: { status: number; body: string }, status: number, code: string): ErrorBody {
  expect(response.status).toBe(status);
  const body = JSON.parse(response.body) as ErrorBody;
  expect(body).toEqual({ error: { code, message: expect.stringMatching(/\w{3,}/) } });
  return body;
}

describe('hostile HTTP input on /api/messages: a clear 4xx, the server keeps serving', () => {
  let t: HardenedApp;
  beforeAll(async () => {
    t = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('malformed JSON → 400 invalid_json, without quoting the parser', async () => {
    for (const body of ['{"type": ', '{type: message}', "{'a': 1}", '{"a":1}}', '\u0000', '{"a": "\\ud800"']) {
      const refused = expectError(await t.raw('/api/messages', body), 400, 'invalid_json');
      expect(refused.error.message).toBe('The request body is not valid JSON.');
    }
  });

  it('wrong or missing content type → 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'image/png']) {
      expectError(await t.raw('/api/messages', '{"type":"message"}', { 'content-type': type }), 415, 'unsupported_media_type');
    }
    expectError(await t.raw('/api/messages', '{"type":"message"}', {}), 415, 'unsupported_media_type');
  });

  it('a body over 256 KB → 413', async () => {
    const activity = t.message(`big-${randomUUID()}`, 'x'.repeat(300 * 1024));
    const refused = expectError(await t.post(activity), 413, 'payload_too_large');
    expect(refused.error.message).not.toMatch(/262144|restify/i);
    expect(t.connector.messages(activity.conversation!.id)).toHaveLength(0);
  });

  it('compressed bodies → 415 (a corrupt gzip body used to crash the whole process)', async () => {
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    expectError(await t.raw('/api/messages', 'this is not gzip', headers), 415, 'unsupported_content_encoding');
    expectError(await t.raw('/api/messages', '{}', { ...headers, 'content-encoding': 'deflate' }), 415, 'unsupported_content_encoding');
    expect((await t.get('/healthz')).status).toBe(200);
  });

  it('activities without type or conversation, or not objects → 400 with the missing field named', async () => {
    const base = t.message(`c-${randomUUID()}`, 'Bonjour');
    const { type: _type, ...noType } = base;
    const { conversation: _conversation, ...noConversation } = base;
    expect(expectError(await t.post(noType), 400, 'invalid_activity').error.message).toMatch(/type/);
    expect(expectError(await t.post({ ...base, type: '' }), 400, 'invalid_activity').error.message).toMatch(/type/);
    expect(expectError(await t.post(noConversation), 400, 'invalid_activity').error.message).toMatch(/conversation/);
    expect(expectError(await t.post({ ...base, conversation: { ...base.conversation!, id: '' } }), 400, 'invalid_activity').error.message).toMatch(/conversation/);
    for (const body of ['null', '[]', '42', '"message"', 'true']) expectError(await t.raw('/api/messages', body), 400, 'bad_request');
  });

  it('fields the bot reads, with the wrong type → 400 naming the field (a `locale: {}` used to answer 500 with the error text)', async () => {
    const base = t.message(`c-${randomUUID()}`, 'Bonjour');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ locale: {} }, /locale/],
      [{ locale: 42 }, /locale/],
      [{ from: 'visitor' }, /from/],
      [{ from: { id: 7 } }, /from\.id/],
      [{ from: { id: 'v', name: false } }, /from\.name/],
      [{ recipient: undefined }, /recipient/],
      [{ channelId: undefined }, /channelId/],
      [{ membersAdded: 'everyone' }, /membersAdded/],
      [{ entities: [{ type: 'mention' }] }, /mention/],
      [{ entities: [{}] }, /entities/],
      [{ conversation: { id: 'conversation-é-\u0000' } }, /conversation\.id/],
      [{ conversation: { id: 'c', isGroup: 'yes' } }, /isGroup/],
      [{ type: 'invoke', name: 'adaptiveCard/action', value: {} }, /value\.action/],
    ];
    for (const [fields, field] of cases) {
      const refused = expectError(await t.post({ ...base, ...fields }), 400, 'invalid_activity');
      expect(refused.error.message, JSON.stringify(fields)).toMatch(field);
    }
    expect(t.connector.calls).toEqual([]);
  });

  it('unknown activity types → 400 unsupported_activity_type', async () => {
    for (const type of ['hack', 'MESSAGE', '__proto__', 'x'.repeat(5000)]) {
      const refused = expectError(await t.post(t.message(`c-${randomUUID()}`, 'Bonjour', { type })), 400, 'unsupported_activity_type');
      expect(refused.error.message.length).toBeLessThan(100);
    }
  });

  it('unknown routes and methods answer in the same error shape', async () => {
    expectError(await t.raw('/api/nope', '{}'), 404, 'not_found');
    expectError(await t.raw('/api/messages', '', {}, 'GET'), 405, 'method_not_allowed');
  });

  it('a request cut in the middle of its body, and garbage on the socket, do not disturb the server', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () => {
        socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"mes');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () => socket.end('\u0000\u0001 GARBAGE \r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
      socket.resume();
    });
    const replies = await t.say(`after-${randomUUID()}`, 'Bonjour, nos commerciaux manquent de rendez-vous.');
    expect(replies.length).toBeGreaterThan(0);
  });

  it('still answers a normal conversation after all of the above', async () => {
    const replies = await t.say(`ok-${randomUUID()}`, "Bonjour, nos commerciaux n'ont plus assez de rendez-vous.");
    expect(replies[0]?.text).toMatch(/Bonjour/);
  });
});

describe('serviceUrl allow-list (SSRF): 400 and not a single outbound request', () => {
  let trap: TrapServer;
  beforeAll(async () => {
    trap = await startTrapServer();
  });
  afterAll(async () => {
    await trap?.close();
  });

  const forged = (trapPort: number) => [
    `http://127.0.0.1:${trapPort}/`,
    `http://localhost:${trapPort}/`,
    `https://smba.trafficmanager.net.evil.example/`,
    `https://smba.trafficmanager.net@127.0.0.1:${trapPort}/`,
    `https://user:pass@smba.trafficmanager.net/`,
    `https://evil.example/?https://smba.trafficmanager.net/`,
    `https://evilbotframework.com/`,
    `https://botframework.com.evil.example/`,
    `http://webchat.botframework.com/`,
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${trapPort}/`,
    'not a url',
  ];

  it('in production mode (MicrosoftAppId set), loopback and look-alike hosts are refused', async () => {
    const t = await startHardenedApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
    try {
      for (const serviceUrl of forged(trap.port)) {
        const response = await t.post(t.message(`ssrf-${randomUUID()}`, 'Bonjour', { serviceUrl }));
        expect(response.status, serviceUrl).toBe(400);
        expect((JSON.parse(response.body) as ErrorBody).error.code).toMatch(/service_url_not_allowed|invalid_activity/);
      }
      // Also as a conversationUpdate (the bot greets first on those).
      const update = t.message(`ssrf-${randomUUID()}`, '', { type: 'conversationUpdate', membersAdded: [{ id: 'v', name: 'v' }], serviceUrl: trap.url });
      expect((await t.post(update)).status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(trap.hits).toEqual([]);
      expect(t.connector.calls).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('in dev mode, an explicit allow-list is used exactly: loopback is refused unless listed, the listed host works', async () => {
    const t = await startHardenedApp({ SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
    try {
      for (const serviceUrl of forged(trap.port)) {
        expect((await t.post(t.message(`ssrf-${randomUUID()}`, 'Bonjour', { serviceUrl }))).status, serviceUrl).toBe(400);
      }
      // The fake connector is loopback too: not listed, so not even a normal conversation calls it.
      expect((await t.post(t.message(`ok-${randomUUID()}`, 'Bonjour'))).status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(trap.hits).toEqual([]);
      expect(t.connector.calls).toEqual([]);
      expect(t.logs.records().some((line) => line.msg === 'Bot Framework replies may go to SERVICE_URL_ALLOWLIST, exactly: https://smba.trafficmanager.net/')).toBe(true);
    } finally {
      await t.close();
    }
    const listed = await startHardenedApp({ SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/,{{connector}}', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
    try {
      expect(await listed.say(`ok-${randomUUID()}`, 'Bonjour')).not.toHaveLength(0);
      expect((await listed.post(listed.message(`ssrf-${randomUUID()}`, 'Bonjour', { serviceUrl: trap.url }))).status).toBe(400);
    } finally {
      await listed.close();
    }
  });

  it('in dev mode without an allow-list, loopback is allowed (Emulator) and start-up says so', async () => {
    const t = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
    try {
      expect(await t.say(`ok-${randomUUID()}`, 'Bonjour')).not.toHaveLength(0);
      expect(t.logs.records().some((line) => /loopback \(SERVICE_URL_ALLOWLIST unset and requests unauthenticated/.test(String(line.msg)))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
