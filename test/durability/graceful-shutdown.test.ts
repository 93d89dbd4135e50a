import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp, sleep } from '../helpers/child-app.js';
import { ChannelVisitor } from './support/channel-visitor.js';
import { HOT_LEAD_FR } from './support/conversation-script.js';
import { createSqliteStore, type DataStore } from './support/engines.js';

const GRACE_MS = 3000;
const VISITORS = 12;

/**
 * SIGTERM on a real server process whose queues are full of deliveries that never end: visitors' channels that
 * accept connections and never answer (no-SDR notices) and a CRM webhook that does the same (outbox). It must
 * turn not-ready at once, refuse new turns with 503, and exit within its grace period whatever is queued.
 */
describe('graceful shutdown with a full queue of failing deliveries', { timeout: 90_000 }, () => {
  let store: DataStore;
  let channel: FakeConnector;
  let crm: FakeConnector;
  let app: ChildApp;

  beforeAll(async () => {
    store = await createSqliteStore();
    channel = new FakeConnector();
    crm = new FakeConnector();
    await channel.start();
    await crm.start();
    crm.hang = true;
    app = await ChildApp.start({
      env: {
        ...store.env,
        BUSINESS_HOURS: '',
        HANDOFF_ASSIGNMENT_TIMEOUT_S: '1',
        CRM_WEBHOOK_URL: `${crm.url}/webhook`,
        CRM_WEBHOOK_SECRET: 'shutdown-test-secret-0123456789',
        CRM_TIMEOUT_MS: '60000',
        CRM_POLL_INTERVAL_MS: '50',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
      },
    });
    for (let index = 0; index < VISITORS; index += 1) {
      const visitor = new ChannelVisitor(channel);
      await visitor.open(app.url);
      for (const step of HOT_LEAD_FR) await visitor.say(app.url, step.text);
    }
    // From now on the visitors' channel is dead: the assignment timeout's notices hang, as the CRM's posts do.
    channel.hang = true;
  });

  afterAll(async () => {
    await app?.kill();
    await channel?.stop();
    await crm?.stop();
    await store?.destroy();
  });

  it('turns not-ready and refuses turns at once, then exits cleanly within its grace period', async () => {
    const deadline = Date.now() + 20_000;
    while ((channel.hung === 0 || crm.hung === 0) && Date.now() < deadline) await sleep(50);
    expect(channel.hung, 'no-SDR notices in flight to the dead channel').toBeGreaterThan(0);
    expect(crm.hung, 'a CRM delivery in flight').toBeGreaterThan(0);

    const stopping = Date.now();
    const exited = app.stop(30_000);
    let readiness = 0;
    let health: unknown;
    let refused: { status: number; body: string } | undefined;
    while (Date.now() - stopping < 2000) {
      const response = await fetch(`${app.url}/readyz`).catch(() => undefined);
      if (response?.status === 503) {
        readiness = 503;
        health = await (await fetch(`${app.url}/healthz`)).json();
        const late = new ChannelVisitor(new FakeConnector()).message('Bonjour');
        const turn = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(late) });
        refused = { status: turn.status, body: await turn.text() };
        break;
      }
      await sleep(20);
    }
    const status = await exited;
    const took = Date.now() - stopping;

    expect(readiness).toBe(503);
    expect(health).toMatchObject({ status: 'stopping' });
    expect(refused?.status).toBe(503);
    expect(JSON.parse(refused!.body)).toMatchObject({ error: { code: 'shutting_down' } });
    expect(status).toEqual({ code: 0, signal: null });
    // The grace period, plus the time to close the database and the process: never the CRM's 60 s timeout.
    expect(took).toBeLessThan(GRACE_MS + 4000);
    expect(app.logLines().some((line) => line.msg === 'stopped')).toBe(true);
  });
});
