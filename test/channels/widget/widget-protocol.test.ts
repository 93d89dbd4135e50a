import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryWidgetHistory } from '../../../src/channels/widget/in-memory-widget-history.js';
import type { ServerFrame } from '../../../src/channels/widget/wire-protocol.js';
import { TestSocket, openSession, postSession, refusedStatus, socketUrl } from './socket-test-client.js';
import { type WidgetTestServer, startWidgetTestServer } from './widget-test-server.js';

const GREETING_COUNT = 3; // greeting, notice, first question

let server: WidgetTestServer;
const sockets: TestSocket[] = [];

async function connect(session: Awaited<ReturnType<typeof openSession>>, watermark = 0, headers: Record<string, string> = {}) {
  const socket = await TestSocket.open(server.url, session, watermark, headers);
  sockets.push(socket);
  return socket;
}

const isReady = (frame: ServerFrame): frame is Extract<ServerFrame, { type: 'ready' }> => frame.type === 'ready';
const isError = (frame: ServerFrame): frame is Extract<ServerFrame, { type: 'error' }> => frame.type === 'error';

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await server?.close();
  server = undefined as never; // each test starts its own
});

describe('widget session and socket protocol', () => {
  it('lets the bot greet first, with the page context and locale in the conversationUpdate', async () => {
    server = await startWidgetTestServer();
    const context = { pageUrl: 'https://prospekt.example/tarifs?utm_source=google', referrer: 'https://www.google.com/', utm_source: 'google', pagesViewed: 3, secret: 'dropped' };
    const session = await openSession(server.url, { locale: 'fr-FR', context });
    expect(session.resumed).toBe(false);
    const socket = await connect(session);
    const ready = await socket.waitFor(isReady);
    await socket.waitForStored(GREETING_COUNT);
    expect(socket.activities().map((frame) => frame.watermark)).toEqual([1, 2, 3]);
    expect(socket.messages()[0]?.text).toMatch(/^Bonjour/);
    expect(ready.conversationId).toBe(session.conversationId);

    const update = server.bot.received[0]!;
    expect(update.type).toBe('conversationUpdate');
    expect(update.conversation?.id).toBe(session.conversationId);
    expect(update.locale).toBe('fr-FR');
    expect(update.membersAdded?.map((member) => member.id)).toEqual([update.from?.id]);
    expect(update.channelData).toEqual({ qualibot: { context: { pageUrl: context.pageUrl, referrer: context.referrer, utm_source: 'google', pagesViewed: 3 }, noticeShown: true } });
  });

  it('echoes a message with a server id and the same clientActivityID, ignoring ids the client made up', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const other = await openSession(server.url);
    const socket = await connect(session);
    const otherSocket = await connect(other);
    await socket.waitForStored(GREETING_COUNT);
    await otherSocket.waitForStored(GREETING_COUNT);
    const visitorId = socket.messages()[0]?.recipient?.id;

    socket.sendActivity({
      type: 'message',
      text: 'Pas assez de rendez-vous commerciaux',
      id: 'chosen-by-client',
      locale: 'fr-FR',
      conversation: { id: other.conversationId },
      from: { id: 'admin', role: 'bot' },
      channelData: { clientActivityID: 'cid-1', qualibot: { context: { pagesViewed: 999 } } },
    });
    const echo = await socket.waitFor((frame) => frame.type === 'activity' && frame.activity.channelData?.clientActivityID === 'cid-1');
    if (echo.type !== 'activity') throw new Error('unreachable');
    expect(echo.watermark).toBe(GREETING_COUNT + 1);
    expect(echo.activity.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(echo.activity.conversation?.id).toBe(session.conversationId);
    expect(echo.activity.from).toMatchObject({ id: visitorId, role: 'user' });
    expect(echo.activity.channelData).toEqual({ clientActivityID: 'cid-1', 'webchat:sequence-id': GREETING_COUNT + 1 });

    await socket.waitFor((frame) => frame.type === 'activity' && /^Noté/.test(frame.activity.text ?? ''));
    const received = server.bot.received.find((activity) => activity.type === 'message')!;
    expect(received.conversation?.id).toBe(session.conversationId);
    expect(received.from?.id).toBe(visitorId);
    expect((received.channelData as any).qualibot.context).toEqual({}); // the server's context, not the client's
    expect(otherSocket.activities()).toHaveLength(GREETING_COUNT); // the other conversation saw nothing
  });

  it('sends activities in sequence order: echo, typing (not stored), then the replies', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'a' } });
    await socket.waitForStored(GREETING_COUNT + 3); // echo, "Noté", next question

    const frames = socket.activities();
    const stored = frames.filter((frame) => frame.watermark !== undefined);
    expect(stored.map((frame) => frame.watermark)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(frames.slice(GREETING_COUNT).map((frame) => frame.activity.type)).toEqual(['message', 'typing', 'message', 'message']);
    const [echo, typing, ack] = frames.slice(GREETING_COUNT);
    expect(typing!.watermark).toBeUndefined();
    expect(ack!.activity.text).toBe('Noté : « Notre pipeline est trop faible »');
    expect(ack!.activity.replyToId).toBe(echo!.activity.id); // Web Chat has seen it, so the link is kept
    expect(server.bot.received.filter((activity) => activity.type === 'message')[0]?.locale).toBe('fr-FR');
  });

  it('replays exactly the missed activities to a socket reconnecting with its watermark', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const first = await connect(session);
    await first.waitForStored(GREETING_COUNT);
    await first.close();

    const otherTab = await connect(session);
    await otherTab.waitForStored(GREETING_COUNT);
    otherTab.sendActivity({ type: 'message', text: 'Je me renseigne simplement', channelData: { clientActivityID: 'b' } });
    await otherTab.waitForStored(GREETING_COUNT + 3);

    const resumed = await openSession(server.url, { visitorToken: session.visitorToken, locale: 'fr-FR' });
    expect(resumed).toMatchObject({ conversationId: session.conversationId, resumed: true });
    const back = await connect(resumed, GREETING_COUNT);
    const ready = await back.waitFor(isReady);
    expect(back.activities().map((frame) => frame.watermark)).toEqual([4, 5, 6]);
    expect(back.activities().map((frame) => frame.activity.id)).toEqual(otherTab.activities({ storedOnly: true }).slice(GREETING_COUNT).map((frame) => frame.activity.id));
    expect(ready.watermark).toBe(6);

    const fromFive = await connect(resumed, 5);
    await fromFive.waitFor(isReady);
    expect(fromFive.activities().map((frame) => frame.watermark)).toEqual([6]);
  });

  it('resumes the same conversation and its history with the visitor token, without greeting again', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'c' } });
    await socket.waitForStored(GREETING_COUNT + 3);

    const reloaded = await openSession(server.url, { visitorToken: session.visitorToken, locale: 'fr-FR', context: { pagesViewed: 2 } });
    expect(reloaded.conversationId).toBe(session.conversationId);
    const again = await connect(reloaded);
    await again.waitFor(isReady);
    expect(again.activities().map((frame) => frame.activity.id)).toEqual(socket.activities({ storedOnly: true }).map((frame) => frame.activity.id));
    expect(server.bot.received.filter((activity) => activity.type === 'conversationUpdate')).toHaveLength(1);

    again.sendActivity({ type: 'message', text: '10 à 50 salariés', channelData: { clientActivityID: 'd' } });
    await again.waitFor((frame) => frame.type === 'activity' && frame.activity.text === 'Noté : « 10 à 50 salariés »');
    const lastTurn = server.bot.received.at(-1)!;
    expect((lastTurn.channelData as any).qualibot.context).toEqual({ pagesViewed: 2 }); // the latest page context
  });

  it('starts a new conversation for a missing, forged or foreign visitor token', async () => {
    server = await startWidgetTestServer();
    const first = await openSession(server.url);
    const forged = await openSession(server.url, { visitorToken: `${first.visitorToken.split('.')[0]}.AAAA` });
    expect(forged.conversationId).not.toBe(first.conversationId);
    expect(forged.resumed).toBe(false);
    const socketTokenAsVisitor = await openSession(server.url, { visitorToken: first.socketToken });
    expect(socketTokenAsVisitor.conversationId).not.toBe(first.conversationId);
    const elsewhere = await startWidgetTestServer({ secret: 'a-different-secret-0123456789' });
    try {
      const foreign = await openSession(elsewhere.url, { visitorToken: first.visitorToken });
      expect(foreign.conversationId).not.toBe(first.conversationId);
    } finally {
      await elsewhere.close();
    }
  });

  it('ignores a resent message (same clientActivityID): one echo, one bot turn', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    const message = { type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'resent' } };
    socket.sendActivity(message);
    await socket.waitFor((frame) => frame.type === 'activity' && /^Noté/.test(frame.activity.text ?? ''));
    const again = await connect(session);
    again.sendActivity(message); // e.g. resent by the browser after a reconnect
    again.sendActivity({ ...message, channelData: { clientActivityID: 'next' }, text: '10 à 50 salariés' });
    await again.waitFor((frame) => frame.type === 'activity' && frame.activity.text === 'Noté : « 10 à 50 salariés »');
    expect(socket.activities().filter((frame) => frame.activity.channelData?.clientActivityID === 'resent')).toHaveLength(1);
    expect(server.bot.received.filter((activity) => activity.type === 'message').map((activity) => activity.text)).toEqual(['Notre pipeline est trop faible', '10 à 50 salariés']);
  });

  it('refuses a socket without a valid socket token', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    expect(await refusedStatus(socketUrl(server.url, 'forged.token'))).toBe(401);
    expect(await refusedStatus(socketUrl(server.url, session.visitorToken))).toBe(401);
    const accepted = await connect(session);
    await accepted.waitFor(isReady);
  });

  it('answers malformed frames and unsupported activity types with an error frame, and keeps serving', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    socket.ws.send('not json');
    expect((await socket.waitFor(isError)).code).toBe('invalid_frame');
    socket.sendActivity({ type: 'invoke', name: 'x', channelData: { clientActivityID: 'inv' } });
    const unsupported = await socket.waitFor((frame) => isError(frame) && frame.clientActivityId === 'inv');
    expect(unsupported).toMatchObject({ code: 'unsupported_activity' });
    socket.sendActivity({ type: 'typing' }); // accepted and ignored
    socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'ok' } });
    await socket.waitFor((frame) => frame.type === 'activity' && frame.activity.channelData?.clientActivityID === 'ok');
    expect(socket.activities({ storedOnly: true }).filter((frame) => frame.activity.type === 'typing')).toHaveLength(0);
  });

  it('refuses an oversized message with a clear error frame; the connection keeps serving', async () => {
    server = await startWidgetTestServer({ maxMessageBytes: 1024 });
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    socket.sendActivity({ type: 'message', text: 'x'.repeat(2000), channelData: { clientActivityID: 'big' } });
    const refused = await socket.waitFor(isError);
    expect(refused).toMatchObject({ code: 'message_too_large', clientActivityId: 'big', maxBytes: 1024 });
    expect(refused.message).toMatch(/exceeds the limit of 1024 bytes/);

    socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'small' } });
    await socket.waitFor((frame) => frame.type === 'activity' && frame.activity.channelData?.clientActivityID === 'small');
    expect(server.bot.received.filter((activity) => activity.type === 'message').map((activity) => activity.text)).toEqual(['Notre pipeline est trop faible']);
  });

  // Finding 1 of the security probe (#21): the limit used to be per socket, so 20 sockets sent 20 × 30 messages a minute.
  it('rate-limits each conversation whatever the number of its sockets, with an error frame; other conversations are served', async () => {
    server = await startWidgetTestServer({ messagesPerMinute: 3 });
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    for (const id of ['m1', 'm2', 'm3']) socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: id } });
    await socket.waitFor(() => socket.messages().filter((activity) => /^Noté/.test(activity.text ?? '')).length === 3);

    const otherSocket = await connect(session);
    otherSocket.sendActivity({ type: 'message', text: 'Je décide', channelData: { clientActivityID: 'm4' } });
    const limited = await otherSocket.waitFor(isError);
    expect(limited).toMatchObject({ code: 'rate_limited', clientActivityId: 'm4' });
    expect(limited.retryAfterMs).toBeGreaterThan(50_000);
    expect(socket.activities().some((frame) => frame.activity.channelData?.clientActivityID === 'm4')).toBe(false);

    const elsewhere = await connect(await openSession(server.url));
    await elsewhere.waitForStored(GREETING_COUNT);
    elsewhere.sendActivity({ type: 'message', text: 'Je décide', channelData: { clientActivityID: 'm5' } });
    await elsewhere.waitFor((frame) => frame.type === 'activity' && frame.activity.channelData?.clientActivityID === 'm5');
  });

  it('caps the sockets one conversation may hold open (429 beyond); a closed one frees its place', async () => {
    server = await startWidgetTestServer({ maxSocketsPerConversation: 2 });
    const session = await openSession(server.url);
    const first = await connect(session);
    await connect(session);
    expect(await refusedStatus(socketUrl(server.url, session.socketToken))).toBe(429);
    await first.close();
    await connect(session);
  });

  it('stores nothing of a message over 4,000 characters or beyond the conversation quota, and says why', async () => {
    const history = new InMemoryWidgetHistory();
    server = await startWidgetTestServer({ history, maxStoredActivities: GREETING_COUNT + 2 });
    const session = await openSession(server.url);
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    socket.sendActivity({ type: 'message', text: 'x'.repeat(4001), channelData: { clientActivityID: 'long' } });
    expect(await socket.waitFor((frame) => isError(frame) && frame.clientActivityId === 'long')).toMatchObject({ code: 'message_too_large', maxChars: 4000 });
    expect(await history.since(session.conversationId, 0)).toHaveLength(GREETING_COUNT);

    socket.sendActivity({ type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'fits' } });
    await socket.waitFor((frame) => frame.type === 'activity' && /^Noté/.test(frame.activity.text ?? '')); // its echo and the answer: the quota is reached
    const stored = (await history.since(session.conversationId, 0)).length;
    expect(stored).toBeGreaterThanOrEqual(GREETING_COUNT + 2);
    socket.sendActivity({ type: 'message', text: 'Encore un', channelData: { clientActivityID: 'over' } });
    expect(await socket.waitFor((frame) => isError(frame) && frame.clientActivityId === 'over')).toMatchObject({ code: 'conversation_full' });
    expect(await history.since(session.conversationId, 0)).toHaveLength(stored);
    expect(server.bot.received.filter((activity) => activity.type === 'message').map((activity) => activity.text)).toEqual(['Notre pipeline est trop faible']);
  });

  it('reads the session body itself when the app installed no body parser', async () => {
    server = await startWidgetTestServer({}, { bodyParser: false });
    const session = await openSession(server.url, { locale: 'en-US', context: { utm_campaign: 'spring' } });
    const socket = await connect(session);
    await socket.waitForStored(GREETING_COUNT);
    expect(socket.messages()[0]?.text).toMatch(/^Hello/);
    expect(server.bot.received[0]?.channelData).toEqual({ qualibot: { context: { utm_campaign: 'spring' }, noticeShown: true } });
    expect((await postSession(server.url, [1, 2])).status).toBe(400);
  });
});

describe('origin allow-list', () => {
  it('refuses sessions and sockets from pages not on the list, and answers CORS for the listed ones', async () => {
    server = await startWidgetTestServer({ allowedOrigins: ['https://www.prospekt.example'] });
    const refused = await postSession(server.url, {}, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');

    const allowed = await postSession(server.url, { locale: 'fr' }, { origin: 'https://www.prospekt.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.prospekt.example');

    const preflight = await fetch(`${server.url}/api/widget/session`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.prospekt.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const badPreflight = await fetch(`${server.url}/api/widget/session`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(badPreflight.status).toBe(403);

    const url = socketUrl(server.url, allowed.body.socketToken);
    expect(await refusedStatus(url, { origin: 'https://evil.example' })).toBe(403);
    const socket = await connect(allowed.body, 0, { origin: 'https://www.prospekt.example' });
    await socket.waitFor(isReady);
  });

  it('with an empty list accepts loopback pages only', async () => {
    server = await startWidgetTestServer({ allowedOrigins: [] });
    expect((await postSession(server.url, {}, { origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await postSession(server.url, {}, { origin: 'https://www.prospekt.example' })).status).toBe(403);
  });

  it("with '*' accepts any page", async () => {
    server = await startWidgetTestServer({ allowedOrigins: ['*'] });
    const session = await postSession(server.url, {}, { origin: 'https://anyone.example' });
    expect(session.status).toBe(200);
    const socket = await connect(session.body, 0, { origin: 'https://anyone.example' });
    await socket.waitFor(isReady);
  });
});
