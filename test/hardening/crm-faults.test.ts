import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCrm, type FakeCrm } from '../fakes/fake-crm-server.js';
import { answerTo, asked, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

type Readiness = { status: string; checks: Record<string, { ok: boolean; degraded?: boolean; detail?: { backlog?: number | string; lastAttempt?: string } }> };

/**
 * The CRM webhook failing: leads wait in the outbox (visible in /metrics and /readyz), visitors are
 * not affected, and the backlog drains once the CRM answers again. (Dead letters and duplicate
 * deliveries are covered by the durability tests.) A failing CRM makes /readyz "degraded", still 200.
 */
describe('CRM webhook failing, then back', () => {
  let crm: FakeCrm;
  let t: HardenedApp;
  beforeAll(async () => {
    crm = await startFakeCrm();
    crm.fallback = { status: 503 };
    t = await startHardenedApp({
      CRM_WEBHOOK_URL: crm.url,
      CRM_WEBHOOK_SECRET: 'hardening-crm-secret-0123456789',
      CRM_RETRY_BASE_MS: '20',
      CRM_RETRY_MAX_MS: '100',
      CRM_POLL_INTERVAL_MS: '20',
      CRM_MAX_ATTEMPTS: '1000',
      RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await crm?.close();
  });

  const readiness = async () => {
    const response = await t.get('/readyz');
    return { status: response.status, body: response.json() as Readiness };
  };
  async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  async function qualify(): Promise<string> {
    const conversationId = `crm-${randomUUID()}`;
    let replies = await t.say(conversationId, HOT_FR.challenge);
    for (let step = 0; step < 6 && asked(replies); step += 1) replies = await t.say(conversationId, answerTo(HOT_FR, asked(replies)));
    return conversationId;
  }

  it('starts ready with an empty backlog', async () => {
    expect(await t.metric('qualibot_outbox_backlog')).toBe(0);
    expect((await readiness()).body.checks.crm).toEqual({ ok: true, detail: { backlog: 0, lastAttempt: 'none' } });
  });

  it('grows the backlog while the CRM fails, says so on /readyz, and delivers everything once it is back', async () => {
    const conversations = [await qualify(), await qualify(), await qualify()];
    // Visitors were not affected: each got the handoff outcome.
    for (const conversationId of conversations) expect((await t.app.db.leads.getByConversation(conversationId))?.decision?.route).toBe('handoff');

    await until(() => crm.requests.length >= 3, 10_000, 'delivery attempts');
    expect(await t.metric('qualibot_outbox_backlog')).toBe(3);
    const failing = await readiness();
    expect(failing.status).toBe(200);
    expect(failing.body.status).toBe('degraded');
    expect(failing.body.checks.crm).toMatchObject({ ok: true, degraded: true, detail: { backlog: 3, lastAttempt: 'retry' } });

    // The fake answers each request with the fallback of the moment it arrives: from here on, 200.
    const failedAttempts = crm.requests.length;
    crm.fallback = { status: 200 };
    await until(async () => (await t.metric('qualibot_outbox_backlog')) === 0, 15_000, 'the backlog to drain');
    const delivered = crm.requests.slice(failedAttempts).map((request) => request.json as { type: string; data: { lead?: { id?: string } } });
    const expected = await Promise.all(conversations.map(async (id) => (await t.app.db.leads.getByConversation(id))?.id));
    expect(delivered.map((event) => event.type)).toEqual(['lead.qualified', 'lead.qualified', 'lead.qualified']);
    expect(new Set(delivered.map((event) => event.data.lead?.id))).toEqual(new Set(expected));
    const ready = await readiness();
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.crm).toMatchObject({ ok: true, detail: { backlog: 0, lastAttempt: 'delivered' } });
  });
});
