import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbWidgetHistory } from '../../src/channels/widget/db-widget-history.js';
import type { Database } from '../../src/storage/ports/database.js';
import { openSession, TestSocket } from '../channels/widget/socket-test-client.js';
import { ChildApp } from '../helpers/child-app.js';
import { leadInput, uid } from '../storage/fixtures.js';
import { answer } from './support/conversation-script.js';
import { createPostgresStore, createSqliteStore, type DataStore } from './support/engines.js';

const message = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: 'message', text, ...extra });

/** The database-backed widget history on one engine: what a reload, a restart or another instance reads. */
function historySuite(createStore: () => Promise<DataStore>) {
  return () => {
    let store: DataStore;
    let db: Database;
    let other: Database;

    beforeAll(async () => {
      store = await createStore();
      db = await store.open();
      other = await store.open(); // a second instance (or the process after a restart) on the same data
    });

    afterAll(async () => {
      await other?.close();
      await db?.close();
      await store?.destroy();
    });

    it('numbers activities 1, 2, 3… per conversation and replays those after a watermark, from any instance', async () => {
      const history = new DbWidgetHistory(db.widgetActivities);
      const conversation = uid('c');
      const elsewhere = uid('c');
      expect(await history.append(conversation, message('Bonjour', { timestamp: new Date('2026-01-02T03:04:05Z'), from: { id: 'bot', name: 'Qualibot' } }))).toBe(1);
      expect(await history.append(conversation, message('Pas assez de rendez-vous'))).toBe(2);
      expect(await history.append(elsewhere, message('Hello'))).toBe(1);
      // Written through another connection: the numbering continues, it does not restart.
      expect(await new DbWidgetHistory(other.widgetActivities).append(conversation, message('Merci.'))).toBe(3);

      const replayed = await new DbWidgetHistory(other.widgetActivities).since(conversation, 0);
      expect(replayed.map((entry) => [entry.seq, entry.activity.text])).toEqual([
        [1, 'Bonjour'],
        [2, 'Pas assez de rendez-vous'],
        [3, 'Merci.'],
      ]);
      // A JSON round trip: dates come back as ISO strings, nested objects intact.
      expect(replayed[0]!.activity).toMatchObject({ timestamp: '2026-01-02T03:04:05.000Z', from: { id: 'bot', name: 'Qualibot' } });
      expect((await history.since(conversation, 2)).map((entry) => entry.seq)).toEqual([3]);
      expect(await history.since(conversation, 3)).toEqual([]);
      expect(await history.since(uid('unknown'), 0)).toEqual([]);
    });

    it('gives distinct, gap-free numbers to appends racing from two instances', async () => {
      const conversation = uid('c');
      const histories = [new DbWidgetHistory(db.widgetActivities), new DbWidgetHistory(other.widgetActivities)];
      const seqs = await Promise.all(Array.from({ length: 20 }, (_, index) => histories[index % 2]!.append(conversation, message(`m${index}`))));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const stored = await histories[0]!.since(conversation, 0);
      // Each text is stored once, under the number its append returned.
      expect(stored.map((entry) => entry.activity.text).sort()).toEqual(Array.from({ length: 20 }, (_, index) => `m${index}`).sort());
      for (const [index, seq] of seqs.entries()) expect(stored.find((entry) => entry.seq === seq)?.activity.text).toBe(`m${index}`);
    });

    it('keeps a NUL character and other odd text a visitor may type', async () => {
      const conversation = uid('c');
      const text = 'a\u0000b \u{1F600} "quoted" \\ back';
      await db.widgetActivities.append(conversation, message(text));
      expect((await other.widgetActivities.since(conversation, 0))[0]?.activity.text).toBe(text);
    });

    it('forgets a conversation on erasure (by email or by conversation) and on retention purge', async () => {
      const byEmail = uid('c');
      const byId = uid('c');
      const kept = uid('c');
      for (const conversation of [byEmail, byId, kept]) await db.widgetActivities.append(conversation, message('Je décide'));
      const email = `${uid('erase')}@example.test`;
      await db.leads.upsert(leadInput({ conversationId: byEmail, contact: { email } }));

      const erased = await db.lifecycle.erasePerson({ email });
      expect(erased.conversationIds).toEqual([byEmail]);
      expect(erased.counts.transcripts).toBe(1); // the widget row counts with the transcript lines
      expect(await db.widgetActivities.since(byEmail, 0)).toEqual([]);

      await db.lifecycle.erasePerson({ conversationId: byId });
      expect(await db.widgetActivities.since(byId, 0)).toEqual([]);
      expect(await db.widgetActivities.since(kept, 0)).toHaveLength(1);

      // Retention: nothing is younger than a cutoff in the past; everything is older than one in the future.
      const past = new Date(Date.now() - 60_000);
      expect((await db.lifecycle.purgeOlderThan({ transcripts: past, leads: new Date(0) })).transcripts).toBe(0);
      expect(await db.widgetActivities.since(kept, 0)).toHaveLength(1);
      const purged = await db.lifecycle.purgeOlderThan({ transcripts: new Date(Date.now() + 60_000), leads: new Date(0) });
      expect(purged.transcripts).toBeGreaterThanOrEqual(1);
      expect(await db.widgetActivities.since(kept, 0)).toEqual([]);
    });
  };
}

describe('database widget history on SQLite', historySuite(createSqliteStore));
describe('database widget history on PostgreSQL', historySuite(createPostgresStore));

type ActivityFrame = { type: 'activity'; watermark?: number; activity: Partial<Activity> };
const isStored = (frame: { type: string; watermark?: number }): frame is ActivityFrame => frame.type === 'activity' && frame.watermark !== undefined;

describe('a widget page reloaded after the server crashed (real process, SQLite)', () => {
  let store: DataStore;
  let app: ChildApp | undefined;
  const secret = 'widget-secret-for-durability-tests-0123456789';

  beforeAll(async () => {
    store = await createSqliteStore();
  });

  afterAll(async () => {
    await app?.kill();
    await store?.destroy();
  });

  it('resumes the same conversation with its whole history, then carries on', { timeout: 90_000 }, async () => {
    const env = { ...store.env, WIDGET_SECRET: secret };
    app = await ChildApp.start({ env });
    const session = await openSession(app.url, { locale: 'fr-FR' });
    let socket = await TestSocket.open(app.url, session);
    await socket.waitFor((frame) => isStored(frame) && (frame.activity.channelData as { qualibot?: { ask?: string } })?.qualibot?.ask === 'challenge', 10_000);
    for (const [index, expected] of ['company', 'authority'].entries()) {
      socket.sendActivity({ type: 'message', text: answer(index), channelData: { clientActivityID: `client-${index}` } });
      await socket.waitFor((frame) => isStored(frame) && (frame.activity.channelData as { qualibot?: { ask?: string } })?.qualibot?.ask === expected, 10_000);
    }
    const before = socket.activities({ storedOnly: true }).map((frame) => [frame.watermark, frame.activity.type, frame.activity.text]);
    expect(before.length).toBeGreaterThanOrEqual(6);
    await socket.close();

    await app.kill();
    app = await ChildApp.start({ env });

    // The reload: the page still holds its visitor token and asks for its conversation back.
    const resumed = await openSession(app.url, { locale: 'fr-FR', visitorToken: session.visitorToken });
    expect(resumed).toMatchObject({ conversationId: session.conversationId, resumed: true });
    socket = await TestSocket.open(app.url, resumed, 0);
    await socket.waitFor((frame) => frame.type === 'ready', 10_000);
    expect(socket.activities({ storedOnly: true }).map((frame) => [frame.watermark, frame.activity.type, frame.activity.text])).toEqual(before);

    // The dialog state survived too: the next answer gets the next question, numbered after the replay.
    socket.sendActivity({ type: 'message', text: answer(2), channelData: { clientActivityID: 'client-2' } });
    const next = await socket.waitFor(
      (frame) => isStored(frame) && (frame.activity.channelData as { qualibot?: { ask?: string } })?.qualibot?.ask === 'money',
      10_000,
    );
    expect((next as ActivityFrame).watermark).toBeGreaterThan(before.length);
    await socket.close();
  });
});
