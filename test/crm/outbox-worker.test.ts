import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leadEvent, personErasedEvents } from '../../src/crm/crm-event.js';
import { enqueueCrmEvent } from '../../src/crm/crm-outbox.js';
import type { CrmSink } from '../../src/crm/crm-sink.js';
import { OutboxWorker, type DeliveryOutcome, type OutboxWorkerOptions } from '../../src/crm/outbox-worker.js';
import { WebhookCrmSink } from '../../src/crm/webhook-crm-sink.js';
import { verifySignature } from '../../src/crm/webhook-signature.js';
import { openDatabase } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import type { LeadRecord } from '../../src/storage/ports/leads.js';
import { startFakeCrm, type FakeCrm } from '../fakes/fake-crm-server.js';
import { leadInput, waitFor } from '../storage/fixtures.js';

const secret = 'worker-secret-0123456789';

describe('OutboxWorker delivering to a loopback CRM', () => {
  let crm: FakeCrm;
  let db: Database;
  let clock: Date;
  let outcomes: DeliveryOutcome[];

  const worker = (overrides: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker({
      outbox: db.outbox,
      sink: new WebhookCrmSink({ url: crm.url, secret, fields: ['lead.id', 'lead.version', 'lead.score', 'contact.email'] }),
      now: () => clock,
      random: () => 0.5,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      onOutcome: (outcome) => outcomes.push(outcome),
      ...overrides,
    });
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const qualifiedLead = async (): Promise<LeadRecord> => {
    const lead = await db.leads.upsert(leadInput());
    return db.leads.upsert({
      ...lead,
      status: 'decided',
      decision: { route: 'handoff', handoffReason: 'high_score', score: 84, tier: 'hot', reasons: [], knockouts: [], complete: true },
    });
  };

  beforeEach(async () => {
    crm = await startFakeCrm();
    db = await openDatabase({ url: ':memory:', dataDir: ':memory:' });
    clock = new Date(Date.now() + 1000);
    outcomes = [];
  });
  afterEach(async () => {
    await db.close();
    await crm.close();
  });

  it('delivers a lead.qualified event once, keyed <leadId>:<version>, signed', async () => {
    const lead = await qualifiedLead();
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead)); // same version: ignored

    expect(await worker().runOnce()).toEqual({ claimed: 1, delivered: 1, retried: 0, dead: 0 });
    expect(await worker().runOnce()).toEqual({ claimed: 0, delivered: 0, retried: 0, dead: 0 });
    expect(crm.requests).toHaveLength(1);
    const [request] = crm.requests;
    expect(request!.headers['idempotency-key']).toBe(`${lead.id}:2`);
    expect(verifySignature(request!.rawBody, request!.headers['x-qualibot-signature'] as string, secret)).toBe(true);
    expect(request!.json).toMatchObject({
      type: 'lead.qualified',
      occurredAt: lead.updatedAt,
      data: { lead: { id: lead.id, version: 2, score: 84 }, contact: { email: 'Visitor@Example.test' } },
    });
    expect(await db.outbox.backlog()).toBe(0);
  });

  it('retries after 500s with growing backoff, then succeeds with the same idempotency key', async () => {
    const lead = await qualifiedLead();
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    crm.script(500, 502, 503);
    const w = worker();

    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    expect(await w.runOnce()).toMatchObject({ claimed: 0 }); // not due yet
    for (const expectedDelay of [500, 1000, 2000]) {
      expect(outcomes.at(-1)?.nextAttemptAt?.getTime()).toBe(clock.getTime() + expectedDelay);
      advance(expectedDelay);
      await w.runOnce();
    }
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['retry', 'retry', 'retry', 'delivered']);
    expect(crm.requests.map((request) => request.headers['idempotency-key'])).toEqual(Array(4).fill(`${lead.id}:2`));
    expect(await db.outbox.backlog()).toBe(0);
    expect(await db.outbox.listDead()).toEqual([]);
  });

  it('dead-letters after maxAttempts, and a requeue delivers it', async () => {
    const lead = await qualifiedLead();
    const { entry } = await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    crm.fallback = { status: 500 };
    const w = worker({ maxAttempts: 3 });
    for (let round = 0; round < 5; round++) {
      await w.runOnce();
      advance(60_000);
    }
    expect(crm.requests).toHaveLength(3);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['retry', 'retry', 'dead']);
    const dead = await db.outbox.listDead();
    expect(dead.map((row) => [row.id, row.attempts, row.lastError])).toEqual([[entry.id, 3, 'CRM webhook answered HTTP 500']]);

    crm.fallback = { status: 204 };
    expect(await db.outbox.requeue(entry.id)).toBe(true);
    advance(1000);
    expect(await w.runOnce()).toMatchObject({ delivered: 1 });
    expect(crm.requests).toHaveLength(4);
  });

  it('gives a permanent 4xx one more try only', async () => {
    const lead = await qualifiedLead();
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    crm.fallback = { status: 422 };
    const w = worker();
    for (let round = 0; round < 4; round++) {
      await w.runOnce();
      advance(60_000);
    }
    expect(crm.requests).toHaveLength(2);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['retry', 'dead']);
  });

  it('waits at least the Retry-After the CRM asks for', async () => {
    const lead = await qualifiedLead();
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    crm.script({ status: 429, headers: { 'Retry-After': '20' } });
    await worker().runOnce();
    expect(outcomes[0]?.nextAttemptAt?.getTime()).toBe(clock.getTime() + 20_000);
  });

  it('delivers in enqueue order: qualified, then updated, then erased', async () => {
    const lead = await qualifiedLead();
    const updated = await db.leads.upsert(lead);
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', lead));
    await enqueueCrmEvent(db.outbox, leadEvent('lead.updated', updated));
    for (const event of personErasedEvents({ leadIds: [lead.id] })) await enqueueCrmEvent(db.outbox, event);
    await worker().runOnce();
    expect(crm.requests.map((request) => [(request.json as { type: string }).type, request.headers['idempotency-key']])).toEqual([
      ['lead.qualified', `${lead.id}:2`],
      ['lead.updated', `${lead.id}:3`],
      ['person.erased', `${lead.id}:erased`],
    ]);
  });

  it('start() polls until stop(), draining more than one batch', async () => {
    for (let index = 0; index < 5; index++) await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', await qualifiedLead()));
    const w = worker({ batchSize: 2, pollIntervalMs: 20, now: () => new Date(Date.now() + 1000) });
    w.start();
    try {
      await waitFor(() => crm.requests.length === 5);
    } finally {
      await w.stop();
    }
    expect(await db.outbox.backlog()).toBe(0);
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', await qualifiedLead()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(crm.requests).toHaveLength(5);
  });

  it('treats an unexpected sink error as retryable', async () => {
    await enqueueCrmEvent(db.outbox, leadEvent('lead.qualified', await qualifiedLead()));
    const broken: CrmSink = {
      deliver: async () => {
        throw new TypeError('bug in a sink');
      },
    };
    await worker({ sink: broken, maxAttempts: 8 }).runOnce();
    expect(outcomes[0]).toMatchObject({ result: 'retry', error: 'bug in a sink' });
  });
});
