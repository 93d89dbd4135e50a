import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/ports/database.js';
import type { HandoffStatus } from '../../src/storage/ports/handoffs.js';
import type { TranscriptEntry } from '../../src/storage/ports/transcripts.js';
import { isEtagConflict } from '../../src/storage/storage-errors.js';
import { handoffInput, leadInput, retryOnConflict, sleep, uid, waitFor } from './fixtures.js';

/** A fresh, empty store (a SQLite file, a PostgreSQL database) that several instances can open. */
export interface StoreUnderTest {
  /** Opens one more instance on this store, as another process would. */
  open(): Promise<Database>;
  /** Removes the store once every instance is closed. */
  destroy(): Promise<void>;
}

export interface ContractOptions {
  createStore(): Promise<StoreUnderTest>;
  /** Whether two instances on one store share the event bus (PostgreSQL yes, SQLite no: in-process). */
  busAcrossInstances: boolean;
}

/**
 * The storage contract: the same behaviour is required from every engine.
 * Each test gets its own empty store, and "another process" is a second instance on that store.
 */
export function storageContract(engine: string, options: ContractOptions): void {
  describe(`storage contract: ${engine}`, () => {
    let store: StoreUnderTest;
    let db: Database;
    let opened: Database[] = [];

    const openInstance = async () => {
      const instance = await store.open();
      opened.push(instance);
      return instance;
    };

    beforeEach(async () => {
      store = await options.createStore();
      opened = [];
      db = await openInstance();
    });

    afterEach(async () => {
      for (const instance of opened) await instance.close();
      await store.destroy();
    });

    it('reports its engine and answers ping', async () => {
      expect(db.engine).toBe(engine);
      await expect(db.ping()).resolves.toBeUndefined();
    });

    describe('state (botbuilder Storage)', () => {
      it('reads, writes and deletes items with a fresh eTag on every write', async () => {
        const key = `webchat/conversations/${uid('c')}`;
        expect(await db.state.read([key])).toEqual({});
        await db.state.write({ [key]: { dialog: { step: 1 }, eTag: '*' } });
        const first = (await db.state.read([key]))[key];
        expect(first.dialog).toEqual({ step: 1 });
        expect(typeof first.eTag).toBe('string');
        await db.state.write({ [key]: { ...first, dialog: { step: 2 } } });
        const second = (await db.state.read([key]))[key];
        expect(second.dialog).toEqual({ step: 2 });
        expect(second.eTag).not.toBe(first.eTag);
        await db.state.delete([key]);
        expect(await db.state.read([key])).toEqual({});
      });

      it('refuses a write with a stale eTag and keeps the newer value', async () => {
        const key = uid('state');
        await db.state.write({ [key]: { count: 1 } });
        const stale = (await db.state.read([key]))[key];
        await db.state.write({ [key]: { ...stale, count: 2 } });

        const refused = db.state.write({ [key]: { ...stale, count: 99 } });
        await expect(refused).rejects.toThrow(/eTag conflict/);
        await expect(db.state.write({ [key]: { ...stale, count: 99 } })).rejects.toMatchObject({ code: 'etag_conflict' });
        expect((await db.state.read([key]))[key].count).toBe(2);

        // BotState writes with '*': last write wins, as botbuilder expects.
        await db.state.write({ [key]: { count: 3, eTag: '*' } });
        expect((await db.state.read([key]))[key].count).toBe(3);
      });

      it('refuses an eTag write to an item deleted since it was read', async () => {
        const key = uid('state');
        await db.state.write({ [key]: { count: 1 } });
        const read = (await db.state.read([key]))[key];
        await db.state.delete([key]);
        await expect(db.state.write({ [key]: { ...read, count: 2 } })).rejects.toMatchObject({ code: 'etag_conflict' });
        expect(await db.state.read([key])).toEqual({});
      });

      it('applies a multi-key write all or nothing', async () => {
        const [a, b] = [uid('a'), uid('b')];
        await db.state.write({ [a]: { v: 1 }, [b]: { v: 1 } });
        const items = await db.state.read([a, b]);
        await db.state.write({ [b]: { ...items[b], v: 2 } });
        await expect(db.state.write({ [a]: { ...items[a], v: 3 }, [b]: { ...items[b], v: 3 } })).rejects.toThrow(/eTag conflict/);
        const after = await db.state.read([a, b]);
        expect([after[a].v, after[b].v]).toEqual([1, 2]);
      });

      it('loses no update: 50 concurrent read→increment→write with eTag retry, from two instances', async () => {
        const other = await openInstance();
        const key = uid('counter');
        await db.state.write({ [key]: { count: 0 } });
        const increment = (instance: Database) =>
          retryOnConflict(async () => {
            const item = (await instance.state.read([key]))[key];
            await sleep(Math.random() * 2); // widen the race window
            await instance.state.write({ [key]: { ...item, count: item.count + 1 } });
          }, isEtagConflict);
        await Promise.all(Array.from({ length: 50 }, (_, index) => increment(index % 2 ? other : db)));
        expect((await db.state.read([key]))[key].count).toBe(50);
      });

      it('loses no update: 50 concurrent BotState-style (eTag "*") turns serialised by the conversation lock', async () => {
        const conversationId = uid('conv');
        const key = `webchat/conversations/${conversationId}`;
        const turn = () =>
          db.lock.run(conversationId, async () => {
            const item = (await db.state.read([key]))[key] ?? { count: 0 };
            await sleep(Math.random() * 2);
            await db.state.write({ [key]: { ...item, count: item.count + 1, eTag: '*' } });
          });
        await Promise.all(Array.from({ length: 50 }, turn));
        expect((await db.state.read([key]))[key].count).toBe(50);
      });

      it('the conversation lock runs different conversations concurrently and survives a failing turn', async () => {
        const order: string[] = [];
        const slow = db.lock.run('conv-a', async () => {
          order.push('a:start');
          await sleep(50);
          order.push('a:end');
        });
        const fast = db.lock.run('conv-b', async () => {
          order.push('b');
        });
        await Promise.all([slow, fast]);
        expect(order.indexOf('b')).toBeLessThan(order.indexOf('a:end'));

        await expect(db.lock.run('conv-a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        await expect(db.lock.run('conv-a', async () => 'next')).resolves.toBe('next');
      });
    });

    describe('processed activities', () => {
      it('claims an activity once', async () => {
        const conversationId = uid('conv');
        expect(await db.processed.claim(conversationId, 'act-1')).toBe(true);
        expect(await db.processed.claim(conversationId, 'act-1')).toBe(false);
        expect(await db.processed.claim(conversationId, 'act-2')).toBe(true);
        expect(await db.processed.claim(uid('conv'), 'act-1')).toBe(true);
      });

      it('gives exactly one winner to 20 concurrent claims from two instances', async () => {
        const other = await openInstance();
        const conversationId = uid('conv');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, index) => (index % 2 ? other : db).processed.claim(conversationId, 'retried')),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('transcripts', () => {
      it('lists a conversation in time order and deletes it', async () => {
        const conversationId = uid('conv');
        const otherConversation = uid('conv');
        await db.transcripts.append({ conversationId, from: 'bot', text: 'Bonjour !', at: '2026-01-01T10:00:00.000Z', activityId: 'a1' });
        await db.transcripts.append({ conversationId, from: 'sdr', text: 'Ici Marie', at: '2026-01-01T10:02:00.000Z', author: 'Marie' });
        await db.transcripts.append({ conversationId, from: 'visitor', text: 'Salut', at: '2026-01-01T10:01:00.000Z' });
        await db.transcripts.append({ conversationId: otherConversation, from: 'visitor', text: 'Hello', at: '2026-01-01T10:00:00.000Z' });

        const lines = await db.transcripts.list(conversationId);
        expect(lines.map((line) => line.text)).toEqual(['Bonjour !', 'Salut', 'Ici Marie']);
        expect(lines[0]).toEqual({ conversationId, from: 'bot', text: 'Bonjour !', at: '2026-01-01T10:00:00.000Z', activityId: 'a1' });
        expect(lines[2]?.author).toBe('Marie');

        expect(await db.transcripts.deleteConversation(conversationId)).toBe(3);
        expect(await db.transcripts.list(conversationId)).toEqual([]);
        expect(await db.transcripts.list(otherConversation)).toHaveLength(1);
      });

      it('appends several lines at once, in order, each as idempotent as `append`', async () => {
        const conversationId = uid('conv');
        const at = '2026-01-01T10:00:00.000Z';
        await db.transcripts.append({ conversationId, from: 'visitor', text: 'Bonjour', at, activityId: 'v1' });
        await db.transcripts.appendMany([
          { conversationId, from: 'bot', text: 'Bienvenue !', at },
          { conversationId, from: 'bot', text: 'Vos données restent chez nous.', at },
          { conversationId, from: 'visitor', text: 'Bonjour', at, activityId: 'v1' }, // already stored
          { conversationId, from: 'sdr', text: 'Ici Marie', at, author: 'Marie', activityId: 's1' },
          { conversationId, from: 'sdr', text: 'Ici Marie', at, author: 'Marie', activityId: 's1' }, // twice in one batch
        ]);
        await db.transcripts.appendMany([]);
        await db.transcripts.appendMany([{ conversationId, from: 'bot', text: 'Quel est votre besoin ?', at }]);

        const lines = await db.transcripts.list(conversationId);
        expect(lines.map((line) => line.text)).toEqual(['Bonjour', 'Bienvenue !', 'Vos données restent chez nous.', 'Ici Marie', 'Quel est votre besoin ?']);
        expect(lines[3]).toEqual({ conversationId, from: 'sdr', text: 'Ici Marie', at, author: 'Marie', activityId: 's1' });
      });

      it('stores none of the lines of a batch when one of them is refused', async () => {
        const conversationId = uid('conv');
        const at = new Date().toISOString();
        const refused = { conversationId, from: 'robot', text: 'not a sender', at } as unknown as TranscriptEntry;
        await expect(db.transcripts.appendMany([{ conversationId, from: 'bot', text: 'first', at }, refused])).rejects.toThrow();
        expect(await db.transcripts.list(conversationId)).toEqual([]);
      });
    });

    describe('leads', () => {
      it('upserts with a version bumped on each write, keeping createdAt', async () => {
        const input = leadInput();
        const first = await db.leads.upsert(input);
        expect(first).toMatchObject({ id: input.id, version: 1, status: 'qualifying', decision: null, facts: input.facts, contact: input.contact });
        await sleep(5);
        const decision = { route: 'handoff' as const, handoffReason: 'high_score' as const, score: 81, tier: 'hot' as const, reasons: [], knockouts: [], complete: true };
        const second = await db.leads.upsert({ ...input, status: 'decided', decision });
        expect(second.version).toBe(2);
        expect(second.decision).toEqual(decision);
        expect(second.createdAt).toBe(first.createdAt);
        expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
        expect(await db.leads.get(input.id)).toEqual(second);
        expect(await db.leads.getByConversation(input.conversationId)).toEqual(second);
        expect(await db.leads.get('missing')).toBeUndefined();
      });

      it('refuses an upsert with an unexpected version', async () => {
        const input = leadInput();
        await db.leads.upsert(input, { expectedVersion: 0 });
        await expect(db.leads.upsert(input, { expectedVersion: 0 })).rejects.toMatchObject({ code: 'version_conflict' });
        await expect(db.leads.upsert(input, { expectedVersion: 2 })).rejects.toMatchObject({ code: 'version_conflict' });
        expect((await db.leads.upsert(input, { expectedVersion: 1 })).version).toBe(2);
        await expect(db.leads.upsert(leadInput(), { expectedVersion: 1 })).rejects.toMatchObject({ code: 'version_conflict' });
      });

      it('counts every one of 10 concurrent upserts from two instances', async () => {
        const other = await openInstance();
        const input = leadInput();
        await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? other : db).leads.upsert(input)));
        expect((await db.leads.get(input.id))?.version).toBe(10);
      });

      it('finds leads by email (case-insensitive) and lists them newest first', async () => {
        const older = await db.leads.upsert(leadInput({ contact: { email: 'Jo@Example.test' } }));
        await sleep(5);
        const since = new Date();
        await sleep(5);
        const newer = await db.leads.upsert(leadInput({ contact: { email: 'jo@example.TEST', phone: '+33 6 00 00 00 00' } }));
        await db.leads.upsert(leadInput({ contact: {} }));

        expect((await db.leads.findByEmail(' JO@example.test ')).map((lead) => lead.id)).toEqual([newer.id, older.id]);
        expect(await db.leads.findByEmail('nobody@example.test')).toEqual([]);
        const all = await db.leads.list();
        expect(all).toHaveLength(3);
        expect(all.at(-1)?.id).toBe(older.id);
        expect((await db.leads.list({ since })).map((lead) => lead.id)).not.toContain(older.id);
        expect(await db.leads.list({ since, limit: 1 })).toHaveLength(1);
      });
    });

    describe('handoffs', () => {
      it('creates, finds the open one, lists by status', async () => {
        const input = handoffInput();
        const created = await db.handoffs.create(input);
        expect(created).toMatchObject({ ...input, status: 'queued' });
        expect(created.sdrId).toBeUndefined();
        expect(await db.handoffs.get(input.id)).toEqual(created);
        expect(await db.handoffs.getOpenByConversation(input.conversationId)).toEqual(created);
        const closed = await db.handoffs.create(handoffInput({ status: 'closed' }));
        expect((await db.handoffs.list({ status: 'queued' })).map((handoff) => handoff.id)).toEqual([created.id]);
        expect((await db.handoffs.list({ status: ['queued', 'closed'] })).map((handoff) => handoff.id)).toEqual([created.id, closed.id]);
        expect(await db.handoffs.list({ conversationId: closed.conversationId })).toHaveLength(1);
        expect(await db.handoffs.list()).toHaveLength(2);
      });

      it('counts the queued handoffs served before one: scoring at least as high, itself and other statuses left out', async () => {
        const mine = await db.handoffs.create(handoffInput({ score: 70 }));
        expect(await db.handoffs.countQueuedAhead(mine)).toBe(0);
        await db.handoffs.create(handoffInput({ score: 70 }));
        await db.handoffs.create(handoffInput({ score: 90 }));
        await db.handoffs.create(handoffInput({ score: 69.5 }));
        await db.handoffs.create(handoffInput({ score: 95, status: 'live' }));
        await db.handoffs.create(handoffInput({ score: 95, status: 'closed' }));
        expect(await db.handoffs.countQueuedAhead(mine)).toBe(2);
      });

      it('lets exactly one of 10 concurrent SDR claims (two instances) win', async () => {
        const other = await openInstance();
        const handoff = await db.handoffs.create(handoffInput());
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 ? other : db).handoffs.transition(handoff.id, {
              from: ['queued'],
              to: 'live',
              patch: { sdrId: `sdr-${index}`, sdrName: `SDR ${index}`, claimedAt: new Date().toISOString() },
            }),
          ),
        );
        const winners = claims.filter((claim) => claim !== undefined);
        expect(winners).toHaveLength(1);
        const stored = await db.handoffs.get(handoff.id);
        expect(stored?.status).toBe('live');
        expect(stored?.sdrId).toBe(winners[0]?.sdrId);
        expect(stored?.claimedAt).toBeDefined();
      });

      it('closes with an outcome; a transition from the wrong status changes nothing', async () => {
        const handoff = await db.handoffs.create(handoffInput());
        expect(await db.handoffs.transition(handoff.id, { from: ['live'], to: 'closed' })).toBeUndefined();
        await db.handoffs.transition(handoff.id, { from: ['queued'], to: 'live', patch: { sdrId: 's1', sdrName: 'Marie' } });
        const closedAt = new Date().toISOString();
        const closed = await db.handoffs.transition(handoff.id, {
          from: ['live'],
          to: 'closed',
          patch: { outcome: 'meeting_booked', outcomeReason: 'demo Tuesday', endReason: 'sdr_closed', closedAt, packet: { summary: 'updated' } },
        });
        expect(closed).toMatchObject({ status: 'closed', sdrName: 'Marie', outcome: 'meeting_booked', endReason: 'sdr_closed', packet: { summary: 'updated' } });
        expect(Date.parse(closed!.closedAt!)).toBe(Date.parse(closedAt));
        expect(await db.handoffs.getOpenByConversation(handoff.conversationId)).toBeUndefined();
        expect(await db.handoffs.transition('missing', { from: ['queued'], to: 'live' })).toBeUndefined();
      });

      it('clears fields patched with null (a released handoff has no SDR)', async () => {
        const handoff = await db.handoffs.create(handoffInput());
        await db.handoffs.transition(handoff.id, { from: ['queued'], to: 'live', patch: { sdrId: 's1', sdrName: 'Marie', claimedAt: new Date().toISOString() } });
        const released = await db.handoffs.transition(handoff.id, {
          from: ['live'],
          to: 'queued',
          patch: { sdrId: null, sdrName: null, claimedAt: null, endReason: 'sdr_released' },
        });
        expect(released).toMatchObject({ status: 'queued', endReason: 'sdr_released' });
        expect(released).not.toHaveProperty('sdrId');
        expect(released).not.toHaveProperty('claimedAt');
      });
    });

    describe('SDRs', () => {
      it('adds, finds, lists and removes; an email is unique whatever its case', async () => {
        const marie = await db.sdrs.add({ id: 'sdr-1', email: 'Marie@Example.test', name: 'Marie', passwordHash: 'scrypt$abc' });
        expect(marie).toMatchObject({ id: 'sdr-1', email: 'marie@example.test', name: 'Marie', passwordHash: 'scrypt$abc' });
        await expect(db.sdrs.add({ id: 'sdr-2', email: 'MARIE@example.test', name: 'Other', passwordHash: 'x' })).rejects.toMatchObject({
          code: 'conflict',
        });
        await db.sdrs.add({ id: 'sdr-3', email: 'paul@example.test', name: 'Paul', passwordHash: 'y' });
        expect(await db.sdrs.findByEmail('marie@EXAMPLE.test')).toEqual(marie);
        expect(await db.sdrs.get('sdr-1')).toEqual(marie);
        expect((await db.sdrs.list()).map((sdr) => sdr.id).sort()).toEqual(['sdr-1', 'sdr-3']);
        expect(await db.sdrs.remove('sdr-1')).toBe(true);
        expect(await db.sdrs.remove('sdr-1')).toBe(false);
        expect(await db.sdrs.get('sdr-1')).toBeUndefined();
      });
    });

    describe('conversation references', () => {
      it('saves, reads and replaces a reference', async () => {
        const conversationId = uid('conv');
        const reference = {
          channelId: 'webchat',
          serviceUrl: 'https://webchat.example.test/',
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          bot: { id: 'bot', name: 'Qualibot' },
          user: { id: 'u1', name: 'Visitor' },
        };
        await db.references.save(conversationId, reference);
        expect(await db.references.get(conversationId)).toEqual(reference);
        await db.references.save(conversationId, { ...reference, serviceUrl: 'https://other.example.test/' });
        expect((await db.references.get(conversationId))?.serviceUrl).toBe('https://other.example.test/');
        expect(await db.references.get('missing')).toBeUndefined();
      });
    });

    describe('outbox', () => {
      const message = (key: string, payload: unknown = { lead: { id: key } }) => ({ type: 'lead.qualified', idempotencyKey: key, payload });

      it('ignores a duplicate idempotency key', async () => {
        const first = await db.outbox.enqueue(message('lead-1:1'));
        const again = await db.outbox.enqueue({ ...message('lead-1:1'), payload: { different: true } });
        expect(first.created).toBe(true);
        expect(again.created).toBe(false);
        expect(again.entry.id).toBe(first.entry.id);
        expect(again.entry.payload).toEqual({ lead: { id: 'lead-1:1' } });
        expect(await db.outbox.backlog()).toBe(1);
      });

      it('claims due rows once, retries failures later, dead-letters and requeues', async () => {
        const now = new Date();
        const due = (await db.outbox.enqueue(message('k1'))).entry;
        const later = (await db.outbox.enqueue({ ...message('k2'), availableAt: new Date(now.getTime() + 60_000) })).entry;
        expect(due).toMatchObject({ status: 'pending', attempts: 0, type: 'lead.qualified' });

        const claimed = await db.outbox.claimDue(new Date(now.getTime() + 1000), 10);
        expect(claimed.map((entry) => entry.id)).toEqual([due.id]);
        expect(claimed[0]).toMatchObject({ status: 'in_flight', attempts: 1 });
        expect(await db.outbox.claimDue(new Date(now.getTime() + 1000), 10)).toEqual([]);

        await db.outbox.markFailed(due.id, 'HTTP 500', new Date(now.getTime() + 30_000));
        expect(await db.outbox.get(due.id)).toMatchObject({ status: 'pending', lastError: 'HTTP 500', attempts: 1 });
        expect(await db.outbox.claimDue(new Date(now.getTime() + 10_000), 10)).toEqual([]);
        const retried = await db.outbox.claimDue(new Date(now.getTime() + 61_000), 10);
        expect(retried.map((entry) => [entry.id, entry.attempts])).toEqual([
          [due.id, 2],
          [later.id, 1],
        ]);

        await db.outbox.markDead(due.id, 'HTTP 400');
        await db.outbox.markDelivered(later.id);
        expect((await db.outbox.get(later.id))?.deliveredAt).toBeDefined();
        expect((await db.outbox.listDead()).map((entry) => [entry.id, entry.lastError])).toEqual([[due.id, 'HTTP 400']]);
        expect(await db.outbox.backlog()).toBe(0);

        expect(await db.outbox.requeue(due.id)).toBe(true);
        expect(await db.outbox.requeue(later.id)).toBe(false);
        expect(await db.outbox.listDead()).toEqual([]);
        expect(await db.outbox.backlog()).toBe(1);
        const again = await db.outbox.claimDue(new Date(Date.now() + 1000), 10);
        expect(again.map((entry) => [entry.id, entry.attempts])).toEqual([[due.id, 1]]);
      });

      it('reclaims an in-flight row whose lease expired (crashed worker)', async () => {
        const entry = (await db.outbox.enqueue(message('k-lease'))).entry;
        const now = new Date(Date.now() + 1000);
        expect(await db.outbox.claimDue(now, 1)).toHaveLength(1);
        expect(await db.outbox.claimDue(new Date(now.getTime() + 10), 1, { leaseMs: 60_000 })).toEqual([]);
        const reclaimed = await db.outbox.claimDue(new Date(now.getTime() + 10), 1, { leaseMs: 5 });
        expect(reclaimed.map((row) => [row.id, row.attempts])).toEqual([[entry.id, 2]]);
      });

      it('never hands one row to two concurrent workers (two instances)', async () => {
        const other = await openInstance();
        for (let index = 0; index < 40; index++) await db.outbox.enqueue(message(`bulk-${index}`));
        const at = new Date(Date.now() + 1000);
        const batches = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 ? other : db).outbox.claimDue(at, 7)));
        const ids = batches.flat().map((entry) => entry.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(40);
      });

      it('finds and deletes the entries about an email or a conversation', async () => {
        await db.outbox.enqueue(message('a', { lead: { id: 'l1', conversationId: 'conv-x' }, contact: { email: 'Ann@Example.test' } }));
        await db.outbox.enqueue(message('b', { lead: { id: 'l2', conversationId: 'conv-y' } }));
        await db.outbox.enqueue(message('c', { lead: { id: 'l3', conversationId: 'conv-z' }, contact: { email: 'bob@example.test' } }));
        expect((await db.outbox.listAbout({ email: 'ann@example.test' })).map((entry) => entry.idempotencyKey)).toEqual(['a']);
        expect(await db.outbox.deleteWhere({ email: 'ANN@example.test' })).toBe(1);
        expect(await db.outbox.deleteWhere({ conversationId: 'conv-y' })).toBe(1);
        expect(await db.outbox.deleteWhere({})).toBe(0);
        expect(await db.outbox.backlog()).toBe(1);
      });
    });

    describe('event bus', () => {
      it('delivers to subscribers of the topic until they unsubscribe', async () => {
        const topic = uid('handoff');
        const received: unknown[] = [];
        const others: unknown[] = [];
        const unsubscribe = await db.bus.subscribe(topic, (payload) => void received.push(payload));
        await db.bus.subscribe(uid('other'), (payload) => void others.push(payload));
        await db.bus.subscribe(topic, () => {
          throw new Error('a broken handler does not stop the others');
        });
        await db.bus.publish(topic, { text: 'Bonjour', n: 1 });
        await waitFor(() => received.length === 1);
        expect(received[0]).toEqual({ text: 'Bonjour', n: 1 });

        await unsubscribe();
        await db.bus.publish(topic, { n: 2 });
        await sleep(100);
        expect(received).toHaveLength(1);
        expect(others).toEqual([]);
      });

      it('relays a payload larger than a NOTIFY allows', async () => {
        const topic = uid('big');
        const received: unknown[] = [];
        await db.bus.subscribe(topic, (payload) => void received.push(payload));
        const big = { text: 'é'.repeat(10_000) };
        await db.bus.publish(topic, big);
        await waitFor(() => received.length === 1);
        expect(received[0]).toEqual(big);
      });

      // Only engines whose bus crosses instances promise this (SQLite's bus is in-process by design).
      if (options.busAcrossInstances) it('relays between two instances', async () => {
        const other = await openInstance();
        const topic = uid('relay');
        const received: unknown[] = [];
        await other.bus.subscribe(topic, (payload) => void received.push(payload));
        await db.bus.publish(topic, { from: 'instance-a' });
        await waitFor(() => received.length === 1);
        expect(received[0]).toEqual({ from: 'instance-a' });
      });
    });

    describe('data lifecycle', () => {
      /** Two conversations of one person, one of a stranger, with something in every table. */
      async function seedPerson() {
        const person = { email: 'Claire@Example.test' };
        const [c1, c2, stranger] = [uid('c1'), uid('c2'), uid('c1')];
        for (const conversationId of [c1, c2, stranger]) {
          const lead = await db.leads.upsert(leadInput({ conversationId, contact: { email: conversationId === stranger ? 'x@example.test' : person.email.toUpperCase() } }));
          await db.transcripts.append({ conversationId, from: 'visitor', text: `hello from ${conversationId}`, at: new Date().toISOString() });
          await db.handoffs.create(handoffInput({ conversationId, leadId: lead.id }));
          await db.references.save(conversationId, { channelId: 'webchat', conversation: { id: conversationId } as never });
          await db.processed.claim(conversationId, 'a1');
          await db.state.write({
            [`webchat/conversations/${conversationId}`]: { dialog: 1 },
            [`webchat/conversations/${conversationId}/users/u1`]: { private: 1 },
          });
          await db.outbox.enqueue({ type: 'lead.qualified', idempotencyKey: `${lead.id}:1`, payload: { lead: { id: lead.id, conversationId }, contact: lead.contact } });
        }
        // A key that shares a prefix with c1 must survive c1's erasure.
        await db.state.write({ [`webchat/conversations/${c1}0`]: { dialog: 'prefix' } });
        return { person, c1, c2, stranger };
      }

      it('erases a person by email everywhere, leaving others untouched', async () => {
        const { person, c1, c2, stranger } = await seedPerson();
        const result = await db.lifecycle.erasePerson({ email: person.email });
        expect(result.conversationIds.sort()).toEqual([c1, c2].sort());
        expect(result.leadIds).toHaveLength(2);
        expect(result.counts).toEqual({ transcripts: 2, state: 4, references: 2, processed: 2, handoffs: 2, leads: 2, outbox: 2, enrichments: 0 });

        expect(await db.leads.findByEmail(person.email)).toEqual([]);
        for (const conversationId of [c1, c2]) {
          expect(await db.transcripts.list(conversationId)).toEqual([]);
          expect(await db.handoffs.list({ conversationId })).toEqual([]);
          expect(await db.references.get(conversationId)).toBeUndefined();
          expect(await db.processed.claim(conversationId, 'a1')).toBe(true);
          expect(await db.state.read([`webchat/conversations/${conversationId}`, `webchat/conversations/${conversationId}/users/u1`])).toEqual({});
        }
        expect(Object.keys(await db.state.read([`webchat/conversations/${c1}0`]))).toHaveLength(1);
        expect(await db.transcripts.list(stranger)).toHaveLength(1);
        expect(await db.leads.getByConversation(stranger)).toBeDefined();
        expect(await db.outbox.backlog()).toBe(1);
        const exported = await db.lifecycle.exportPerson(person.email);
        expect([exported.leads, exported.transcripts, exported.outbox, exported.conversationIds]).toEqual([[], [], [], []]);

        const nobody = await db.lifecycle.erasePerson({ email: 'nobody@example.test' });
        expect(nobody.conversationIds).toEqual([]);
        expect(Object.values(nobody.counts).every((count) => count === 0)).toBe(true);
      });

      it('erases one conversation by id', async () => {
        const { c1, c2 } = await seedPerson();
        const result = await db.lifecycle.erasePerson({ conversationId: c1 });
        expect(result.conversationIds).toEqual([c1]);
        expect(result.counts).toMatchObject({ transcripts: 1, leads: 1, handoffs: 1, outbox: 1, state: 2 });
        expect(await db.transcripts.list(c2)).toHaveLength(1);
      });

      it('exports everything held about a person', async () => {
        const { person, c1, c2 } = await seedPerson();
        const exported = await db.lifecycle.exportPerson(person.email);
        expect(exported.email).toBe('claire@example.test');
        expect(exported.conversationIds.sort()).toEqual([c1, c2].sort());
        expect(exported.leads).toHaveLength(2);
        expect(exported.transcripts.map((line) => line.conversationId).sort()).toEqual([c1, c2].sort());
        expect(exported.handoffs).toHaveLength(2);
        expect(Object.keys(exported.references).sort()).toEqual([c1, c2].sort());
        expect(exported.outbox).toHaveLength(2);
        expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
      });

      it('keeps internal notes and the visitor rating with the lead: exported with the person, erased with them', async () => {
        const { person, c1, stranger } = await seedPerson();
        const lead = (await db.leads.getByConversation(c1))!;
        const other = (await db.leads.getByConversation(stranger))!;
        const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 10, 0, second)).toISOString();
        await db.notes.addNote({ id: uid('n'), leadId: lead.id, conversationId: c1, handoffId: 'h1', sdrId: 's1', author: 'Marie', text: 'Rappeler jeudi', createdAt: at(2) });
        await db.notes.addNote({ id: uid('n'), leadId: lead.id, conversationId: c1, author: 'Paul', text: 'Budget confirmé', createdAt: at(1) });
        await db.notes.addNote({ id: uid('n'), leadId: other.id, conversationId: stranger, author: 'Paul', text: 'Autre', createdAt: at(3) });
        await db.notes.rate({ leadId: lead.id, conversationId: c1, rating: 2, ratedAt: at(4) });
        await db.notes.rate({ leadId: lead.id, conversationId: c1, rating: 5, ratedAt: at(5) });
        await expect(db.notes.rate({ leadId: other.id, conversationId: stranger, rating: 6, ratedAt: at(6) })).rejects.toThrow();

        expect((await db.notes.notesOf(lead.id)).map((note) => [note.author, note.text, note.createdAt])).toEqual([
          ['Paul', 'Budget confirmé', at(1)],
          ['Marie', 'Rappeler jeudi', at(2)],
        ]);
        expect((await db.notes.notesOf(lead.id))[1]).toMatchObject({ handoffId: 'h1', sdrId: 's1', conversationId: c1 });
        expect(await db.notes.ratingOf(lead.id)).toEqual({ leadId: lead.id, conversationId: c1, rating: 5, ratedAt: at(5) });
        expect(await db.notes.ratingOf(other.id)).toBeUndefined();

        const exported = await db.lifecycle.exportPerson(person.email);
        expect(exported.notes.map((note) => note.text)).toEqual(['Budget confirmé', 'Rappeler jeudi']);
        expect(exported.ratings.map((rating) => rating.rating)).toEqual([5]);

        await db.lifecycle.erasePerson({ email: person.email });
        expect(await db.notes.notesOf(lead.id)).toEqual([]);
        expect(await db.notes.ratingOf(lead.id)).toBeUndefined();
        expect(await db.notes.notesOf(other.id)).toHaveLength(1);
      });

      it('exports and erases what was looked up about a person, even in a conversation not decided yet', async () => {
        const { person, c1, stranger } = await seedPerson();
        const undecided = uid('c3');
        const lookup = (leadId: string, conversationId: string, email?: string) => ({
          leadId,
          conversationId,
          ...(email ? { email } : {}),
          domain: 'acme-industrie.fr',
          lookedUpAt: new Date().toISOString(),
          result: {
            domain: 'acme-industrie.fr',
            from: 'email' as const,
            lookedUpAt: '2026-12-01T10:00:00.000Z',
            freeMail: false,
            disposable: false,
            company: { name: 'Acme Industrie', employees: 250, existingCustomer: false },
            provenance: [{ adapter: 'company-file', domain: 'acme-industrie.fr', at: '2026-12-01T10:00:00.000Z' }],
            failures: [],
          },
        });
        const c1Lead = (await db.leads.getByConversation(c1))!;
        await db.enrichments.save(lookup(c1Lead.id, c1, person.email));
        await db.enrichments.save(lookup(uid('lead'), undecided, 'CLAIRE@example.test'));
        await db.enrichments.save(lookup((await db.leads.getByConversation(stranger))!.id, stranger, 'x@example.test'));
        // A second lookup of the same lead and domain replaces the first.
        await db.enrichments.save({ ...lookup(c1Lead.id, c1, person.email), result: { ...lookup(c1Lead.id, c1).result, company: { employees: 300 } } });
        expect((await db.enrichments.forLead(c1Lead.id)).map((record) => record.result.company)).toEqual([{ employees: 300 }]);

        const exported = await db.lifecycle.exportPerson(person.email);
        expect(exported.conversationIds).toContain(undecided);
        expect(exported.enrichments.map((record) => record.conversationId).sort()).toEqual([c1, undecided].sort());
        expect(exported.enrichments.find((record) => record.conversationId === undecided)).toMatchObject({ email: 'claire@example.test', domain: 'acme-industrie.fr', result: { company: { name: 'Acme Industrie' } } });

        const erased = await db.lifecycle.erasePerson({ email: person.email });
        expect(erased.conversationIds).toContain(undecided);
        expect(erased.counts.enrichments).toBe(2);
        expect((await db.lifecycle.exportPerson(person.email)).enrichments).toEqual([]);
        expect(await db.enrichments.about({ conversationIds: [stranger] })).toHaveLength(1);
      });

      it('purges what is older than the cutoffs, keeping open handoffs and undelivered outbox rows', async () => {
        const conversationId = uid('conv');
        const dayMs = 86_400_000;
        await db.transcripts.append({ conversationId, from: 'visitor', text: 'old', at: new Date(Date.now() - 3 * dayMs).toISOString() });
        await db.transcripts.append({ conversationId, from: 'visitor', text: 'recent', at: new Date().toISOString() });
        await db.leads.upsert(leadInput({ conversationId }));
        const open = await db.handoffs.create(handoffInput({ conversationId }));
        await db.handoffs.create(handoffInput({ conversationId, status: 'closed' }));
        const sent = (await db.outbox.enqueue({ type: 'lead.qualified', idempotencyKey: 'sent', payload: {} })).entry;
        await db.outbox.enqueue({ type: 'lead.qualified', idempotencyKey: 'waiting', payload: {} });
        await db.outbox.markDelivered(sent.id);
        await sleep(5);

        const counts = await db.lifecycle.purgeOlderThan({ transcripts: new Date(Date.now() - dayMs), leads: new Date() });
        expect(counts).toMatchObject({ transcripts: 1, leads: 1, handoffs: 1, outbox: 1 });
        expect((await db.transcripts.list(conversationId)).map((line) => line.text)).toEqual(['recent']);
        expect(await db.leads.getByConversation(conversationId)).toBeUndefined();
        expect(await db.handoffs.get(open.id)).toBeDefined();
        expect(await db.outbox.backlog()).toBe(1);

        const nothing = await db.lifecycle.purgeOlderThan({ transcripts: new Date(0), leads: new Date(0) });
        expect(Object.values(nothing).every((count) => count === 0)).toBe(true);
      });

      it('keeps an old conversation reference while an SDR may still act on the handoff (it is saved only when it changes)', async () => {
        const conversations = { queued: uid('conv'), live: uid('conv'), expired: uid('conv'), closed: uid('conv'), none: uid('conv') };
        for (const [status, conversationId] of Object.entries(conversations)) {
          await db.references.save(conversationId, { channelId: 'webchat', conversation: { id: conversationId } as never });
          if (status !== 'none') await db.handoffs.create(handoffInput({ conversationId, status: status as HandoffStatus }));
        }
        await sleep(5);

        const counts = await db.lifecycle.purgeOlderThan({ transcripts: new Date(), leads: new Date(0) });
        expect(counts.references).toBe(2);
        const kept = async (conversationId: string) => (await db.references.get(conversationId)) !== undefined;
        expect(await kept(conversations.queued)).toBe(true);
        expect(await kept(conversations.live)).toBe(true);
        expect(await kept(conversations.expired)).toBe(true);
        expect(await kept(conversations.closed)).toBe(false);
        expect(await kept(conversations.none)).toBe(false);
      });

      it('keeps the bot state of a conversation whose handoff is still open, however old (a returning visitor is relayed, not re-qualified)', async () => {
        // `prefix` is open and its id is the start of `closed`'s: LIKE wildcards in ids must not widen the match.
        const prefix = `${uid('conv')}_%`;
        const conversations = { queued: uid('conv'), live: uid('conv'), expired: uid('conv'), prefix, closed: `${prefix}x`, none: uid('conv') };
        const keysOf = (conversationId: string) => [`webchat/conversations/${conversationId}/`, `webchat/conversations/${conversationId}/users/visitor`];
        for (const [name, conversationId] of Object.entries(conversations)) {
          for (const key of keysOf(conversationId)) await db.state.write({ [key]: { lead: { status: 'decided' } } });
          if (name === 'prefix') await db.handoffs.create(handoffInput({ conversationId, status: 'queued' }));
          else if (name !== 'none') await db.handoffs.create(handoffInput({ conversationId, status: name as HandoffStatus }));
        }
        await sleep(5);

        const counts = await db.lifecycle.purgeOlderThan({ transcripts: new Date(), leads: new Date(0) });
        expect(counts.state).toBe(4);
        const kept = async (conversationId: string) => Object.keys(await db.state.read(keysOf(conversationId))).length;
        expect(await kept(conversations.queued)).toBe(2);
        expect(await kept(conversations.live)).toBe(2);
        expect(await kept(conversations.expired)).toBe(2);
        expect(await kept(conversations.prefix)).toBe(2);
        expect(await kept(conversations.closed)).toBe(0);
        expect(await kept(conversations.none)).toBe(0);
      });
    });

    describe('migrations and lifecycle of the connection', () => {
      it('re-opening an existing store migrates nothing twice and keeps the data', async () => {
        const lead = await db.leads.upsert(leadInput());
        await db.close();
        const again = await openInstance();
        const third = await openInstance();
        expect(await again.leads.get(lead.id)).toEqual(lead);
        expect(await third.leads.get(lead.id)).toEqual(lead);
      });

      it('close can be called twice', async () => {
        await db.close();
        await expect(db.close()).resolves.toBeUndefined();
      });
    });
  });
}
