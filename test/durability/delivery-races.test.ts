import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp } from '../helpers/child-app.js';
import { ChannelVisitor, postActivity, qualibotData } from './support/channel-visitor.js';
import { answer } from './support/conversation-script.js';
import { createSqliteStore, withStore, type DataStore } from './support/engines.js';

/**
 * Channel retries and racing messages against a real server process: the same activity delivered
 * twice (one after the other, and at the same instant), and two different messages of one
 * conversation arriving together.
 */
describe('duplicate deliveries and concurrent messages (real process, SQLite)', () => {
  let connector: FakeConnector;
  let store: DataStore;
  let app: ChildApp;

  beforeAll(async () => {
    connector = new FakeConnector();
    await connector.start();
    store = await createSqliteStore();
    app = await ChildApp.start({ env: { ...store.env, BUSINESS_HOURS: '' } });
  }, 60_000);

  afterAll(async () => {
    await app?.kill();
    await connector?.stop();
    await store?.destroy();
  });

  it('acknowledges every copy of a redelivered activity and processes it once', { timeout: 60_000 }, async () => {
    const visitor = new ChannelVisitor(connector);
    await visitor.open(app.url);

    // Sequential retry (the channel did not see the first 200 in time).
    const challenge = visitor.message(answer(0));
    expect(await postActivity(app.url, challenge)).toBe(200);
    const callsAfterFirst = connector.calls.length;
    expect(await postActivity(app.url, challenge)).toBe(200);
    expect(connector.calls.length).toBe(callsAfterFirst); // the copy made no call at all
    expect(visitor.replies(challenge.id!)).toHaveLength(1);
    expect(qualibotData(visitor.replies(challenge.id!)[0])?.ask).toBe('company');

    // Concurrent copies of the next answers, including the one that decides the lead.
    const copies = async (activity: Partial<Activity>, count: number) => {
      const statuses = await Promise.all(Array.from({ length: count }, () => postActivity(app.url, activity)));
      expect(statuses).toEqual(Array(count).fill(200));
      return visitor.replies(activity.id!);
    };
    for (const index of [1, 2, 3]) {
      const replies = await copies(visitor.message(answer(index)), 3);
      expect(replies).toHaveLength(1);
      expect(qualibotData(replies[0])?.ask).toBe(['authority', 'money', 'prioritization'][index - 1]);
    }
    const decisive = visitor.message(answer(4));
    const outcome = await copies(decisive, 4);
    expect(outcome.filter((reply) => qualibotData(reply)?.route === 'handoff')).toHaveLength(1);

    await withStore(store, async (db) => {
      const lines = (await db.transcripts.list(visitor.conversationId)).filter((line) => line.from === 'visitor');
      expect(lines.map((line) => line.text)).toEqual([0, 1, 2, 3, 4].map(answer)); // one line per activity
      const lead = await db.leads.getByConversation(visitor.conversationId);
      expect(lead?.version).toBe(1);
      const outbox = await db.outbox.listAbout({ conversationId: visitor.conversationId });
      expect(outbox.map((entry) => [entry.type, entry.idempotencyKey])).toEqual([['lead.qualified', `${lead!.id}:1`]]);
      expect(await db.handoffs.list({ conversationId: visitor.conversationId })).toHaveLength(1);
    });
  });

  it('absorbs two messages of one conversation posted at the same instant, one turn after the other', { timeout: 60_000 }, async () => {
    const visitor = new ChannelVisitor(connector);
    await visitor.open(app.url);
    for (const index of [0, 1]) await visitor.say(app.url, answer(index));

    // Asked about authority, the visitor sends two messages at once: each answers a different question.
    const authority = visitor.message('Je suis le dirigeant, je décide seul.');
    const money = visitor.message('Notre budget est validé pour ce projet.');
    const before = connector.calls.length;
    expect(await Promise.all([postActivity(app.url, authority), postActivity(app.url, money)])).toEqual([200, 200]);

    // In order: all of one turn's replies, then all of the other's (never interleaved), and the
    // second turn knew what the first had learned (it moves on to the timeline).
    const turnOf = connector.calls
      .slice(before)
      .filter((call) => call.conversationId === visitor.conversationId && call.activity?.type === 'message')
      .map((call) => call.replyToId);
    const firstId = turnOf[0];
    const switches = turnOf.filter((id, position) => position > 0 && id !== turnOf[position - 1]).length;
    expect(new Set(turnOf)).toEqual(new Set([authority.id, money.id]));
    expect(switches).toBe(1);
    const secondId = firstId === authority.id ? money.id! : authority.id!;
    expect(qualibotData(visitor.replies(firstId!).at(-1))?.ask).toBe(firstId === authority.id ? 'money' : 'authority');
    expect(qualibotData(visitor.replies(secondId).at(-1))?.ask).toBe('prioritization');

    const last = await visitor.say(app.url, answer(4));
    expect(last.route).toBe('handoff');
    await withStore(store, async (db) => {
      const lead = await db.leads.getByConversation(visitor.conversationId);
      // No lost fact: both messages made it into the lead, each with its own words.
      expect(lead?.facts.authority).toMatchObject({ value: 'decision_maker', evidence: expect.stringContaining('je décide') });
      expect(lead?.facts.money).toMatchObject({ value: 'allocated', evidence: expect.stringContaining('budget est validé') });
      const lines = (await db.transcripts.list(visitor.conversationId)).filter((line) => line.from === 'visitor').map((line) => line.text);
      expect(lines).toHaveLength(5);
      expect(lines).toEqual(expect.arrayContaining([authority.text, money.text]));
    });
  });
});
