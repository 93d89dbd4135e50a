import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSession, TestSocket } from '../channels/widget/socket-test-client.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp } from '../helpers/child-app.js';
import { ChannelVisitor } from './support/channel-visitor.js';
import { answer } from './support/conversation-script.js';
import { createSqliteStore, type DataStore } from './support/engines.js';

/** Personal data a visitor types, in the exact forms that must never appear in a log. */
const EMAIL = 'jean.dupont@exemple.fr';
const PHONE = '06 12 34 56 78';
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const FORBIDDEN = [EMAIL, PHONE, PHONE.replace(/ /g, ''), '+33 6 12 34 56 78', IBAN, IBAN.replace(/ /g, ''), 'jean.dupont'];

/**
 * A Bot Connector that refuses every call (400: the SDK does not retry it) and echoes what it was sent,
 * as a broken proxy might: the error the turn fails with then carries the visitor's words.
 */
async function startEchoingBrokenConnector(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: `cannot deliver ${Buffer.concat(chunks).toString('utf8')}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function expectNoPii(output: string) {
  for (const value of FORBIDDEN) expect(output, `the logs contain "${value}"`).not.toContain(value);
}

/**
 * The logs of a real server process, at the most verbose levels, after conversations full of
 * personal data — the happy path, a failing turn whose error echoes the message, and the widget.
 */
describe('logs never contain emails, phone numbers or IBANs (real process)', () => {
  let connector: FakeConnector;
  let broken: Awaited<ReturnType<typeof startEchoingBrokenConnector>>;
  let store: DataStore;
  let app: ChildApp | undefined;

  beforeAll(async () => {
    connector = new FakeConnector();
    await connector.start();
    broken = await startEchoingBrokenConnector();
    store = await createSqliteStore();
  });

  // Each test starts its own server: a failed one must not leave its process running.
  afterEach(async () => {
    await app?.kill();
    app = undefined;
  });

  afterAll(async () => {
    await broken?.close();
    await connector?.stop();
    await store?.destroy();
  });

  it('at trace level, over the Bot Framework channel', { timeout: 60_000 }, async () => {
    app = await ChildApp.start({ env: { ...store.env, LOG_LEVEL: 'trace', BUSINESS_HOURS: '' } });
    // A UUID whose middle groups are all digits, like many channel ids: it looks like a phone number to a careless mask.
    const visitor = new ChannelVisitor(connector, connector.url, 'webchat', `${randomUUID().slice(0, 8)}-1234-4567-8901-a2f0c6b8b3d1`);
    await visitor.open(app.url);
    await visitor.say(app.url, `${answer(0)}. Vous pouvez prélever sur l'IBAN ${IBAN}, ou m'écrire à ${EMAIL}.`);
    for (const index of [1, 2, 3, 4]) await visitor.say(app.url, answer(index));
    const contactText = `Mon e-mail : ${EMAIL}, mon portable : ${PHONE} (ou +33 6 12 34 56 78).`;

    // The bot echoes the contact it understood; this time the connector refuses the reply and echoes
    // it back in its error, so the failed turn's error carries the visitor's email.
    const viaBrokenConnector = new ChannelVisitor(connector, broken.url, 'webchat', visitor.conversationId);
    await viaBrokenConnector.say(app.url, contactText);
    const failure = await app.waitForLog((line) => line.msg === 'turn failed');
    expect(JSON.stringify(failure)).toContain('[email]');

    const contact = await visitor.say(app.url, contactText);
    expect(contact.replies.map((reply) => reply.text).join(' ')).toContain(EMAIL); // the visitor sees it; the logs must not
    await app.stop();

    if (process.env.DURABILITY_DUMP_LOGS) console.log(app.output);
    const lines = app.logLines();
    expect(lines.some((line) => line.level === 20)).toBe(true); // debug lines were written
    expectNoPii(app.output);
    // Redaction must not cost us log correlation: ids stay readable.
    expect(lines.find((line) => line.msg === 'lead decided')?.conversationId).toBe(visitor.conversationId);
    expect(lines.find((line) => line.msg === 'turn failed')?.conversationId).toBe(visitor.conversationId);
  });

  it('at debug level, over the website widget', { timeout: 60_000 }, async () => {
    app = await ChildApp.start({ env: { ...store.env, LOG_LEVEL: 'debug', BUSINESS_HOURS: '' } });
    const session = await openSession(app.url, { locale: 'fr-FR', context: { pageUrl: `https://client.example/contact?email=${EMAIL}` } });
    const socket = await TestSocket.open(app.url, session);
    await socket.waitFor((frame) => frame.type === 'ready');
    socket.sendActivity({ type: 'message', text: `Bonjour, je suis ${EMAIL}, tél. ${PHONE}, IBAN ${IBAN}` });
    const echo = await socket.waitFor((frame) => frame.type === 'activity' && frame.activity.from?.role === 'user');
    const echoed = (echo as { watermark?: number }).watermark ?? 0;
    await socket.waitFor((frame) => frame.type === 'activity' && (frame.watermark ?? 0) > echoed && frame.activity.from?.role !== 'user'); // the bot answered
    socket.sendActivity({ type: 'message', text: 'x'.repeat(20_000) + EMAIL }); // refused as too large
    await socket.waitFor((frame) => frame.type === 'error');
    await socket.close();
    await app.stop();

    expect(app.logLines().find((line) => line.msg === 'widget conversation started')?.conversationId).toBe(session.conversationId);
    expectNoPii(app.output);
  });
});
