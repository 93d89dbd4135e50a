import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/crm/webhook-signature.js';
import type { OutboxEntry } from '../../src/storage/ports/outbox.js';
import { startTcpProxy, type TcpProxy } from '../channels/widget/tcp-proxy.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { startFakeCrm, type FakeCrm, type ReceivedRequest } from '../fakes/fake-crm-server.js';
import { ChildApp, pollUntil, runCli, sleep } from '../helpers/child-app.js';
import { ChannelVisitor } from './support/channel-visitor.js';
import { answer } from './support/conversation-script.js';
import { createSqliteStore, withStore, type DataStore } from './support/engines.js';

const SECRET = 'crm-webhook-secret-0123456789';

/**
 * The CRM outbox end to end: a real server process qualifies leads and its worker pushes them to a
 * fake CRM (behind a TCP relay that can take it off the network); the operator CLI handles the dead letters.
 */
describe('CRM delivery from a real process (SQLite)', () => {
  let connector: FakeConnector;
  let crm: FakeCrm;
  let relay: TcpProxy;
  let store: DataStore;
  let app: ChildApp;

  beforeAll(async () => {
    connector = new FakeConnector();
    await connector.start();
    crm = await startFakeCrm();
    relay = await startTcpProxy(crm.url);
    store = await createSqliteStore();
    app = await ChildApp.start({
      env: {
        ...store.env,
        BUSINESS_HOURS: '',
        CRM_WEBHOOK_URL: `${relay.url}/webhook`,
        CRM_WEBHOOK_SECRET: SECRET,
        CRM_POLL_INTERVAL_MS: '50',
        CRM_RETRY_BASE_MS: '50',
        CRM_RETRY_MAX_MS: '200',
        CRM_MAX_ATTEMPTS: '4',
        CRM_TIMEOUT_MS: '2000',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.kill();
    await relay?.close();
    await crm?.close();
    await connector?.stop();
    await store?.destroy();
  });

  /** Runs a hot lead to its handoff and returns the lead id the CRM will know it by. */
  async function qualifyLead(): Promise<{ leadId: string; conversationId: string }> {
    const visitor = new ChannelVisitor(connector);
    await visitor.open(app.url);
    for (const index of [0, 1, 2, 3]) await visitor.say(app.url, answer(index));
    expect((await visitor.say(app.url, answer(4))).route).toBe('handoff');
    const lead = await withStore(store, (db) => db.leads.getByConversation(visitor.conversationId));
    return { leadId: lead!.id, conversationId: visitor.conversationId };
  }

  const requestsFor = (key: string): ReceivedRequest[] => crm.requests.filter((request) => request.headers['idempotency-key'] === key);

  /** The outbox entry with this key, as the database holds it now. */
  const outboxEntry = (conversationId: string, key: string): Promise<OutboxEntry | undefined> =>
    withStore(store, async (db) => (await db.outbox.listAbout({ conversationId })).find((entry) => entry.idempotencyKey === key));

  it('delivers one signed lead.qualified, keyed <leadId>:<version>, through a few 500s', { timeout: 60_000 }, async () => {
    crm.script(500, 500, 503);
    const { leadId, conversationId } = await qualifyLead();
    const key = `${leadId}:1`;

    await pollUntil(() => requestsFor(key).length >= 4, 10_000, 'four delivery attempts');
    const delivered = await pollUntil(async () => {
      const entry = await outboxEntry(conversationId, key);
      return entry?.status === 'delivered' ? entry : undefined;
    }, 10_000, 'the entry marked delivered');
    expect(delivered).toMatchObject({ type: 'lead.qualified', attempts: 4 });

    await sleep(400); // several worker rounds: a delivered entry must not leave again
    const attempts = requestsFor(key);
    expect(attempts).toHaveLength(4);
    for (const request of attempts) {
      expect(request.method).toBe('POST');
      expect(verifySignature(request.rawBody, request.headers['x-qualibot-signature'] as string, SECRET)).toBe(true);
      expect(request.json).toMatchObject({ id: key, type: 'lead.qualified', data: { lead: { id: leadId, version: 1, route: 'handoff' } } });
    }
    // Only one event about this lead ever left: no second version, no other type.
    expect(crm.requests.filter((request) => JSON.stringify(request.json).includes(leadId)).map((request) => request.headers['idempotency-key'])).toEqual(Array(4).fill(key));
  });

  it('dead-letters a lead while the CRM is down for good, and `outbox replay` delivers it once the CRM is back', { timeout: 90_000 }, async () => {
    relay.pause(); // connections refused: the CRM is off the network
    const { leadId, conversationId } = await qualifyLead();
    const key = `${leadId}:1`;
    const dead = await pollUntil(async () => {
      const entry = await outboxEntry(conversationId, key);
      return entry?.status === 'dead' ? entry : undefined;
    }, 20_000, 'the entry dead-lettered');
    expect(dead.attempts).toBe(4);
    expect(requestsFor(key)).toHaveLength(0);

    const listed = await runCli(['outbox', 'dead'], store.env);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((row) => row.includes(key));
    expect(line?.split('\t').slice(0, 4)).toEqual([String(dead.id), 'lead.qualified', key, 'attempts=4']);
    expect(listed.stderr).toMatch(/1 dead letter\(s\)/);

    relay.resume();
    const replay = await runCli(['outbox', 'replay', String(dead.id)], store.env);
    expect(replay).toMatchObject({ code: 0, stdout: '1 entry queued again\n' });

    // The running server's worker picks the requeued entry up.
    await pollUntil(() => requestsFor(key).length >= 1, 10_000, 'the replayed delivery');
    const delivered = await pollUntil(async () => {
      const entry = await outboxEntry(conversationId, key);
      return entry?.status === 'delivered' ? entry : undefined;
    }, 10_000, 'the replayed entry marked delivered');
    expect(delivered.id).toBe(dead.id);
    await sleep(300);
    expect(requestsFor(key)).toHaveLength(1);
    expect(verifySignature(requestsFor(key)[0]!.rawBody, requestsFor(key)[0]!.headers['x-qualibot-signature'] as string, SECRET)).toBe(true);
    expect((await runCli(['outbox', 'dead'], store.env)).stdout).not.toContain(key);
  });
});
