import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { asked, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

/**
 * Property-based fuzzing of the two public inputs: /api/messages and the widget socket. Whatever
 * arrives, the server answers without a 5xx, nothing is left unhandled, and a normal conversation
 * works afterwards. numRuns keep the file well under a minute on two cores.
 */
const API_RUNS = 1500;
const SOCKET_RUNS = 3000;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let t: HardenedApp;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  t = await startHardenedApp({
    RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
    WIDGET_MESSAGES_PER_MINUTE: '100000',
    // The shared per-conversation limit and the storage quota apply to the widget too (#21); this file fuzzes, it does not test limits.
    RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
    WIDGET_MAX_ACTIVITIES_PER_CONVERSATION: '1000000',
    WIDGET_SECRET: 'hardening-fuzz-secret-0123456789',
    LOG_LEVEL: 'warn',
  });
}, 60_000);
afterAll(async () => {
  await t?.close();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('', ' ', '\u200B\u202E\u{E0041}', '<img src=x onerror=alert(1)>', "'; DROP TABLE leads;--", '{{7*7}}', '%00', 'Je décide', '4000 €', 'x'.repeat(4001)),
);
const odd = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), text, fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }));
const activityType = fc.oneof(
  fc.constantFrom('message', 'conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'trace', 'handoff', 'command', 'contactRelationUpdate', 'deleteUserData', 'suggestion'),
  text,
);

describe('fuzzing POST /api/messages', () => {
  it(`answers ${API_RUNS} generated payloads without a 5xx`, { timeout: 120_000 }, async () => {
    const conversations = Array.from({ length: 12 }, (_, index) => `fuzz-${index}-${randomUUID()}`);
    const often = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: odd });
    const account = fc.record({ id: text, name: text, role: fc.constantFrom('user', 'bot', 'skill'), aadObjectId: text }, { requiredKeys: ['id'] });
    // Well-formed as far as types go (so turns really run), with odd values wherever the schema allows any.
    const wellFormed = fc.record(
      {
        type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('message', 'conversationUpdate', 'event', 'invoke', 'endOfConversation') }, { weight: 1, arbitrary: activityType }),
        id: fc.oneof(fc.uuid(), text),
        channelId: fc.constantFrom('webchat', 'msteams', 'slack', 'emulator', 'directline', 'widget'),
        serviceUrl: fc.constant('CONNECTOR'),
        conversation: fc.oneof(
          { weight: 4, arbitrary: fc.record({ id: fc.constantFrom(...conversations) }) },
          {
            weight: 1,
            arbitrary: fc.record(
              { id: text.filter((value) => value.length > 0), conversationType: fc.constantFrom('personal', 'channel', 'groupChat'), isGroup: fc.boolean(), tenantId: text, name: text, extra: odd },
              { requiredKeys: ['id'] },
            ),
          },
        ),
        from: account,
        recipient: account,
        text,
        locale: fc.oneof(fc.constantFrom('fr-FR', 'en-US', 'de', '', 'fr_CA'), text),
        membersAdded: fc.array(account, { maxLength: 3 }),
        membersRemoved: fc.array(account, { maxLength: 2 }),
        entities: fc.array(fc.record({ type: fc.oneof(fc.constantFrom('mention', 'clientInfo'), text), mentioned: fc.oneof(account, odd), text: odd }, { requiredKeys: [] }), { maxLength: 2 }),
        attachments: fc.array(fc.record({ contentType: odd, content: odd, name: odd }, { requiredKeys: [] }), { maxLength: 2 }),
        channelData: fc.oneof(fc.record({ qualibot: fc.oneof(fc.record({ context: fc.dictionary(text, odd, { maxKeys: 5 }) }), odd), tenant: odd, clientActivityID: odd }, { requiredKeys: [] }), odd),
        name: fc.oneof(fc.constantFrom('qualibot.visitorLeft', 'adaptiveCard/action', 'composeExtension/query', 'task/fetch', 'signin/verifyState'), text),
        value: odd,
        replyToId: odd,
        timestamp: odd,
        localTimestamp: odd,
        textFormat: odd,
        suggestedActions: odd,
        action: odd,
        __proto__: odd,
        constructor: odd,
      },
      { requiredKeys: ['type', 'channelId', 'conversation', 'serviceUrl', 'from', 'recipient'] },
    );
    // Anything goes in every field.
    const broken = fc.record(
      {
        type: often(activityType),
        conversation: often(fc.record({ id: fc.oneof(text, odd), isGroup: odd, conversationType: odd }, { requiredKeys: [] })),
        serviceUrl: often(fc.oneof(fc.constant('CONNECTOR'), fc.webUrl())),
        channelId: odd,
        from: odd,
        recipient: odd,
        text: odd,
        locale: odd,
        membersAdded: odd,
        entities: odd,
        attachments: odd,
        name: odd,
      },
      { requiredKeys: [] },
    );
    const withConnector = (value: unknown) => JSON.stringify(value).replaceAll('"CONNECTOR"', JSON.stringify(t.connector.url));
    const payload = fc.oneof(
      { weight: 6, arbitrary: wellFormed.map(withConnector) },
      { weight: 2, arbitrary: broken.map(withConnector) },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    );
    const contentType = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded') });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(payload, contentType, async (body, type) => {
        const response = await t.raw('/api/messages', body, { 'content-type': type });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        // The one 5xx of the protocol: botbuilder answers an invoke it has no handler for with 501 Not
        // Implemented, which is how Teams learns a feature is not supported. Nothing failed.
        if (response.status === 501 && isInvoke(body)) return;
        if (response.status >= 500) throw new Error(`${response.status} ${response.body} for ${body.slice(0, 500)}`);
        // Invoke responses are the protocol's own (e.g. Universal Actions' application/vnd.microsoft.error).
        if (response.status >= 400 && !isInvoke(body)) expect(JSON.parse(response.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }),
      { numRuns: API_RUNS },
    );
    console.info(`fuzz /api/messages statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The generator really reached the bot, not only the validation.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(API_RUNS / 4);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(API_RUNS / 10);
    expect(unhandled).toEqual([]);
    // Whatever the guard lets through, the bot handles without a failed turn.
    const failures = t.logs.records().filter((record) => record.msg === 'turn failed').map((record) => (record.err as { message?: string; stack?: string })?.stack?.split('\n').slice(0, 4).join(' | '));
    expect([...new Set(failures)]).toEqual([]);
    const replies = await t.say(`after-fuzz-${randomUUID()}`, HOT_FR.challenge);
    expect(asked(replies)).toBe('company');
  });
});

function isInvoke(body: string): boolean {
  try {
    return (JSON.parse(body) as { type?: unknown }).type === 'invoke';
  } catch {
    return false;
  }
}

/** A raw socket client: opens a widget session and its socket, records frames. */
async function openWidgetSocket(): Promise<{ ws: WebSocket; frames: Array<Record<string, unknown>>; closed: () => boolean }> {
  const response = await t.raw('/api/widget/session', JSON.stringify({ locale: 'fr-FR' }), { 'content-type': 'application/json', origin: t.url });
  const session = JSON.parse(response.body) as { socketToken: string };
  const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/widget/socket?token=${encodeURIComponent(session.socketToken)}`, { headers: { origin: t.url } });
  const frames: Array<Record<string, unknown>> = [];
  let closed = false;
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  ws.on('close', () => (closed = true));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed: () => closed };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fuzzing the widget socket', () => {
  it(`survives ${SOCKET_RUNS} generated frames and still chats`, { timeout: 120_000 }, async () => {
    const logsBefore = t.logs.lines.length;
    const socket = await openWidgetSocket();
    const short = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
    // Valid as far as the wire protocol's types go (so the adapter and the bot really run)...
    const wellFormed = fc.record(
      {
        type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('message', 'event', 'typing') }, { weight: 1, arbitrary: fc.constantFrom('invoke', 'conversationUpdate', 'endOfConversation', 'x') }),
        text,
        textFormat: fc.constantFrom('markdown', 'plain', 'xml'),
        value: odd,
        name: fc.oneof(fc.constantFrom('qualibot.visitorLeft', 'webchat/join'), short(30)),
        locale: fc.oneof(fc.constantFrom('fr-FR', 'en-US', 'xx'), short(20)),
        localTimestamp: short(40),
        localTimezone: short(80),
        channelData: fc.record({ clientActivityID: fc.uuid(), postBack: fc.boolean(), messageBack: fc.record({ displayText: text }, { requiredKeys: [] }) }, { requiredKeys: [] }),
        // Fields the server sets itself: whatever the browser claims is overwritten.
        from: odd,
        conversation: odd,
        id: odd,
        serviceUrl: odd,
      },
      { requiredKeys: ['type'] },
    );
    // ...or anything at all in every field.
    const broken = fc.record({ type: fc.oneof(activityType, odd), text: odd, textFormat: odd, name: odd, locale: odd, channelData: odd }, { requiredKeys: [] });
    const frame = fc.oneof(
      { weight: 6, arbitrary: wellFormed.map((activity) => JSON.stringify({ type: 'activity', activity })) },
      { weight: 2, arbitrary: fc.record({ type: fc.oneof(fc.constant('activity'), odd), activity: fc.oneof(broken, odd) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
    );
    await fc.assert(
      fc.asyncProperty(frame, async (data) => {
        expect(socket.closed()).toBe(false);
        await new Promise<void>((resolve, reject) => socket.ws.send(data, { binary: Buffer.isBuffer(data) }, (error) => (error ? reject(error) : resolve())));
      }),
      { numRuns: SOCKET_RUNS },
    );
    // Oversized frames are refused politely, not by cutting the connection.
    socket.ws.send(JSON.stringify({ type: 'activity', activity: { type: 'message', text: 'x'.repeat(20_000) } }));
    await until(() => socket.frames.some((received) => received.code === 'message_too_large'), 10_000, 'the message_too_large frame');
    expect(socket.closed()).toBe(false);
    expect(socket.frames.filter((received) => received.type === 'error' && received.code === 'internal_error')).toEqual([]);

    // Turns run one after the other: once a last normal message is answered, every fuzzed turn has run.
    socket.ws.send(JSON.stringify({ type: 'activity', activity: { type: 'message', text: 'Bonjour', channelData: { clientActivityID: 'final-after-fuzz' } } }));
    let echoIndex = -1;
    await until(
      () => {
        echoIndex = socket.frames.findIndex((received) => (received.activity as { channelData?: { clientActivityID?: string } } | undefined)?.channelData?.clientActivityID === 'final-after-fuzz');
        return echoIndex >= 0 && socket.frames.slice(echoIndex + 1).some((received) => (received.activity as { type?: string; from?: { role?: string } } | undefined)?.type === 'message');
      },
      30_000,
      'an answer to the last message',
    );
    expect(socket.closed()).toBe(false);
    // The generator reached the bot (echoed visitor activities), not only the frame validation.
    const echoed = socket.frames.filter((received) => (received.activity as { from?: { role?: string } } | undefined)?.from?.role === 'user').length;
    console.info(`fuzz widget socket: ${echoed} activities accepted, ${socket.frames.filter((received) => received.type === 'error').length} refused`);
    expect(echoed).toBeGreaterThan(SOCKET_RUNS / 10);
    const failures = t.logs.records().slice(logsBefore).filter((record) => record.msg === 'turn failed' || record.msg === 'widget turn failed');
    expect(failures.map((record) => (record.err as { message?: string } | undefined)?.message)).toEqual([]);

    // A fresh visitor chats normally.
    const visitor = await openWidgetSocket();
    await until(() => visitor.frames.some((received) => received.type === 'ready'), 10_000, 'the ready frame');
    visitor.ws.send(JSON.stringify({ type: 'activity', activity: { type: 'message', text: HOT_FR.challenge, channelData: { clientActivityID: 'c1' } } }));
    await until(
      () => visitor.frames.some((received) => ((received.activity as { channelData?: { qualibot?: { ask?: string } } } | undefined)?.channelData?.qualibot?.ask ?? '') === 'company'),
      15_000,
      'the bot to ask about the company',
    );
    socket.ws.close();
    visitor.ws.close();
    expect(unhandled).toEqual([]);
    expect((await t.get('/healthz')).status).toBe(200);
  });
});
