import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp } from '../helpers/child-app.js';
import { ChannelVisitor } from './support/channel-visitor.js';
import { answer } from './support/conversation-script.js';
import { createPostgresStore, createSqliteStore, withStore, type DataStore } from './support/engines.js';
import { startGateProxy, type GateProxy } from './support/gate-proxy.js';

/**
 * "Nothing lost": a real server process is SIGKILLed between two turns and in the middle of one, a new
 * process starts on the same data, and the conversation carries on where it was.
 */
function crashSuite(createStore: () => Promise<DataStore>, options: { redeliveryCheck: boolean }) {
  return () => {
    let connector: FakeConnector;
    let gate: GateProxy;
    let store: DataStore;
    let server: ChildApp | undefined;

    beforeAll(async () => {
      connector = new FakeConnector();
      await connector.start();
      gate = await startGateProxy(connector.url);
      store = await createStore();
    });

    afterEach(async () => {
      await server?.kill();
      server = undefined;
    });

    afterAll(async () => {
      await server?.kill();
      await gate?.stop();
      await connector?.stop();
      await store?.destroy();
    });

    const start = async () => (server = await ChildApp.start({ env: { ...store.env, BUSINESS_HOURS: '' } }));

    it('resumes at the same question after a crash between turns and one in the middle of a turn', { timeout: 120_000 }, async () => {
      const visitor = new ChannelVisitor(connector, gate.url);
      const said: string[] = [];
      const say = async (url: string, index: number) => {
        said.push(answer(index));
        return visitor.say(url, answer(index));
      };

      let app = await start();
      expect((await visitor.open(app.url)).ask).toBe('challenge');
      expect((await say(app.url, 0)).ask).toBe('company');
      expect((await say(app.url, 1)).ask).toBe('authority');

      // Crash between turns: the 3rd question (authority) was asked, nothing is in flight.
      expect((await app.kill()).signal).toBe('SIGKILL');
      app = await start();
      const authority = await say(app.url, 2);
      expect(authority.status).toBe(200);
      expect(authority.ask).toBe('money');

      // Crash in the middle of a turn: the bot's first reply to the money answer is held at the gate,
      // so the turn has started (visitor line stored, dialog running) and cannot finish.
      await crashDuringTurn(visitor, app, answer(3));
      said.push(answer(3));

      // The new process is still at the money question (the crashed turn saved nothing): the visitor,
      // who got no answer, types it again and the dialog moves on from there.
      app = await start();
      const retyped = await say(app.url, 3);
      expect(retyped.status).toBe(200);
      expect(retyped.ask).toBe('prioritization');
      expect(retyped.replies.map((reply) => reply.text).join(' ')).not.toMatch(/Avez-vous un budget/); // not asked twice

      const last = await say(app.url, 4);
      expect(last.route).toBe('handoff');
      await app.stop();

      await withStore(store, async (db) => {
        const visitorLines = (await db.transcripts.list(visitor.conversationId)).filter((line) => line.from === 'visitor').map((line) => line.text);
        // Every message the visitor sent, in order — the one whose turn crashed included.
        expect(visitorLines).toEqual(said);
        const lead = await db.leads.getByConversation(visitor.conversationId);
        expect(lead?.decision).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 100 });
        expect(Object.keys(lead!.facts).sort()).toEqual(['authority', 'challenge', 'company', 'money', 'prioritization']);
        expect(lead!.version).toBe(1);
        expect(await db.handoffs.list({ conversationId: visitor.conversationId })).toHaveLength(1);
      });
    });

    /** Sends `text`, waits until the bot's first reply is held at the gate, SIGKILLs the server mid-turn. */
    async function crashDuringTurn(visitor: ChannelVisitor, app: ChildApp, text: string) {
      gate.close();
      const activity = visitor.message(text);
      const inFlight = visitor.send(app.url, activity).catch((error: unknown) => error);
      await gate.waitForHeld(1);
      await app.kill();
      expect(await inFlight).toBeInstanceOf(Error); // the channel got no 200
      gate.open();
      return activity;
    }

    // An activity id is recorded as processed only once its turn completed (TurnGuardMiddleware), so the
    // channel's redelivery of a turn that died with the process is answered, and stored once.
    // Engine-independent, so checked on one engine only.
    if (options.redeliveryCheck) {
      it('answers a channel redelivery (same activity id) of a turn that died with the process', { timeout: 90_000 }, async () => {
        const visitor = new ChannelVisitor(connector, gate.url);
        const first = await start();
        await visitor.open(first.url);
        expect((await visitor.say(first.url, answer(0))).ask).toBe('company');
        const activity = await crashDuringTurn(visitor, first, answer(1));
        const second = await start();
        const redelivered = await visitor.send(second.url, activity);
        expect(redelivered.status).toBe(200);
        expect(redelivered.ask).toBe('authority');
      });
    }
  };
}

describe('crash recovery on SQLite (real process, SIGKILL)', crashSuite(createSqliteStore, { redeliveryCheck: true }));
describe('crash recovery on PostgreSQL (real process, SIGKILL)', crashSuite(createPostgresStore, { redeliveryCheck: false }));
