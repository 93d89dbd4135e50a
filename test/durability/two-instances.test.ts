import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/handoff/password-hash.js';
import { openSession, TestSocket } from '../channels/widget/socket-test-client.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp } from '../helpers/child-app.js';
import { ChannelVisitor, postActivity, qualibotData } from './support/channel-visitor.js';
import { answer } from './support/conversation-script.js';
import { createPostgresStore, withStore, type DataStore } from './support/engines.js';

const SDRS = [
  { email: 'marie@prospekt.example', name: 'Marie — Sales', password: 'correct horse battery' },
  { email: 'paul@prospekt.example', name: 'Paul — Sales', password: 'another long passphrase' },
];

async function api(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

type ActivityFrame = { type: 'activity'; watermark?: number; activity: Partial<Activity> };
const asks = (dimension: string) => (frame: { type: string; watermark?: number; activity?: Partial<Activity> }) =>
  frame.type === 'activity' && frame.watermark !== undefined && qualibotData(frame.activity)?.ask === dimension;

/**
 * Two real server processes behind an imaginary load balancer, sharing one PostgreSQL database and
 * the WIDGET_SECRET / SDR_TOKEN_SECRET: any request may land on either, and nothing may tell.
 */
describe('two instances sharing one PostgreSQL database', () => {
  let store: DataStore;
  let connector: FakeConnector;
  let a: ChildApp;
  let b: ChildApp;

  beforeAll(async () => {
    store = await createPostgresStore();
    connector = new FakeConnector();
    await connector.start();
    const env = {
      ...store.env,
      BUSINESS_HOURS: '',
      HANDOFF_ASSIGNMENT_TIMEOUT_S: '600',
      WIDGET_SECRET: 'shared-widget-secret-0123456789abcdef',
      SDR_TOKEN_SECRET: 'shared-sdr-token-secret-0123456789',
    };
    // Started together: they also race to migrate the fresh database.
    [a, b] = await Promise.all([ChildApp.start({ env }), ChildApp.start({ env })]);
    await withStore(store, async (db) => {
      for (const sdr of SDRS) await db.sdrs.add({ id: randomUUID(), email: sdr.email, name: sdr.name, passwordHash: await hashPassword(sdr.password) });
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await connector?.stop();
    await store?.destroy();
  });

  it('continues one dialog whose messages alternate between the instances, even two at once', { timeout: 60_000 }, async () => {
    const visitor = new ChannelVisitor(connector);
    expect((await visitor.open(a.url)).ask).toBe('challenge');
    expect((await visitor.say(b.url, answer(0))).ask).toBe('company');
    expect((await visitor.say(a.url, answer(1))).ask).toBe('authority');

    // Two messages at the same instant, one on each instance: the turn lock holds across processes.
    const authority = visitor.message('Je suis le dirigeant, je décide seul.');
    const money = visitor.message('Notre budget est validé pour ce projet.');
    expect(await Promise.all([postActivity(a.url, authority), postActivity(b.url, money)])).toEqual([200, 200]);
    const lastAsks = [authority, money].map((activity) => qualibotData(visitor.replies(activity.id!).at(-1))?.ask);
    expect(lastAsks.filter((ask) => ask === 'prioritization')).toHaveLength(1);

    const outcome = await visitor.say(b.url, answer(4));
    expect(outcome.route).toBe('handoff');

    await withStore(store, async (db) => {
      const lead = await db.leads.getByConversation(visitor.conversationId);
      expect(lead?.decision).toMatchObject({ route: 'handoff', score: 100 });
      expect(lead?.version).toBe(1);
      expect((await db.transcripts.list(visitor.conversationId)).filter((line) => line.from === 'visitor')).toHaveLength(5);
    });
  });

  it('lists a handoff created via one instance on the other, and shows a claim made on one as live on the other', { timeout: 60_000 }, async () => {
    const visitor = new ChannelVisitor(connector);
    await visitor.open(b.url);
    for (const index of [0, 1, 2, 3]) await visitor.say(index % 2 ? a.url : b.url, answer(index));
    expect((await visitor.say(b.url, answer(4))).route).toBe('handoff'); // created on B

    const login = await api(a.url, '/api/sdr/login', { body: { email: SDRS[0]!.email, password: SDRS[0]!.password } });
    expect(login.status).toBe(200);
    const token = login.body.token as string;

    const queued = await api(a.url, '/api/sdr/handoffs?status=queued', { token }); // listed on A, with B's token secret
    expect(queued.status).toBe(200);
    const handoff = (queued.body as Array<{ id: string; conversationId: string }>).find((item) => item.conversationId === visitor.conversationId);
    expect(handoff).toBeDefined();

    const claim = await api(b.url, `/api/sdr/handoffs/${handoff!.id}/claim`, { token, method: 'POST' }); // claimed on B
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ status: 'live', sdrName: SDRS[0]!.name });

    const live = await api(a.url, '/api/sdr/handoffs?status=live', { token });
    expect((live.body as Array<{ id: string; status: string; sdrName?: string }>).find((item) => item.id === handoff!.id)).toMatchObject({
      status: 'live',
      sdrName: SDRS[0]!.name,
    });
    expect((await api(a.url, '/api/sdr/handoffs?status=queued', { token })).body.map((item: { id: string }) => item.id)).not.toContain(handoff!.id);

    // Another SDR, on the other instance, cannot take it over.
    const rival = await api(a.url, '/api/sdr/login', { body: { email: SDRS[1]!.email, password: SDRS[1]!.password } });
    expect((await api(a.url, `/api/sdr/handoffs/${handoff!.id}/claim`, { token: rival.body.token, method: 'POST' })).status).toBe(409);

    // The visitor was told once who joined, whichever instance sent it.
    await connector.waitFor(() => visitor.botMessages().some((message) => message.text?.includes(SDRS[0]!.name)), 5000);
    expect(visitor.botMessages().filter((message) => message.text?.includes(`${SDRS[0]!.name} a rejoint`))).toHaveLength(1);
  });

  it('resumes a widget conversation on the other instance after a reload, history and dialog included', { timeout: 60_000 }, async () => {
    const session = await openSession(a.url, { locale: 'fr-FR' });
    const onA = await TestSocket.open(a.url, session);
    await onA.waitFor(asks('challenge'), 10_000);
    onA.sendActivity({ type: 'message', text: answer(0), channelData: { clientActivityID: 'client-0' } });
    await onA.waitFor(asks('company'), 10_000);
    const seen = onA.activities({ storedOnly: true }).map((frame) => [frame.watermark, frame.activity.text]);
    await onA.close();

    const resumed = await openSession(b.url, { locale: 'fr-FR', visitorToken: session.visitorToken });
    expect(resumed).toMatchObject({ conversationId: session.conversationId, resumed: true });
    const onB = await TestSocket.open(b.url, resumed, 0);
    await onB.waitFor((frame) => frame.type === 'ready', 10_000);
    expect(onB.activities({ storedOnly: true }).map((frame) => [frame.watermark, frame.activity.text])).toEqual(seen);

    onB.sendActivity({ type: 'message', text: answer(1), channelData: { clientActivityID: 'client-1' } });
    const next = (await onB.waitFor(asks('authority'), 10_000)) as ActivityFrame;
    expect(next.watermark).toBeGreaterThan(seen.length);
    await onB.close();
  });
});
