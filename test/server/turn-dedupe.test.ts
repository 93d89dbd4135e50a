import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction, ExtractionInput, Extractor } from '../../src/extraction/extractor.js';
import { translate } from '../../src/i18n/translate.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { openDatabase } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase } from '../storage/pg-test-server.js';

/** The rules extractor, counting its calls (the stand-in for an LLM call); fails once on the texts it is told to. */
class CountingExtractor implements Extractor {
  readonly name = 'rules';
  calls = 0;
  readonly failOnce = new Set<string>();
  private readonly rules = new RulesExtractor(loadPlaybook('champ'));

  async extract(input: ExtractionInput): Promise<Extraction> {
    this.calls += 1;
    if (this.failOnce.delete(input.text)) throw new Error('extractor down');
    return this.rules.extract(input);
  }
}

const askOf = (activity: Partial<Activity> | undefined) => (activity?.channelData as { qualibot?: { ask?: string } } | undefined)?.qualibot?.ask;

/**
 * TurnGuardMiddleware's "at most once per activity id", kept in the conversation's bot state: a retry
 * of a completed turn is dropped, a redelivery of a turn that did not complete is processed.
 */
function dedupeSuite(openStore: () => Promise<{ db: Database; destroy(): Promise<void> }>) {
  return () => {
    let t: TestApp;
    let store: { db: Database; destroy(): Promise<void> };
    const extractor = new CountingExtractor();

    beforeAll(async () => {
      store = await openStore();
      t = await startTestApp({ BUSINESS_HOURS: '' }, { db: store.db, extractor });
    });
    afterAll(async () => {
      await t?.close();
      await store?.db.close();
      await store?.destroy();
    });

    /** Posts the activity; returns the status and the bot messages it caused. */
    const deliver = async (activity: Partial<Activity>) => {
      const conversationId = activity.conversation!.id;
      const before = t.connector.messages(conversationId).length;
      const { status } = await t.post(activity);
      return { status, replies: t.connector.messages(conversationId).slice(before) };
    };
    const message = (conversationId: string, text: string) => t.activity(conversationId, 'webchat', { type: 'message', text, locale: 'fr-FR' });
    const visitorLines = async (conversationId: string) => (await store.db.transcripts.list(conversationId)).filter((line) => line.from === 'visitor').map((line) => line.text);

    it('acknowledges and drops a retry of a completed activity: no reply, no extraction, one transcript line', async () => {
      const conversationId = `dedupe-${randomUUID()}`;
      const activity = message(conversationId, "Bonjour, nos commerciaux n'ont plus assez de rendez-vous.");
      const first = await deliver(activity);
      expect(askOf(first.replies.at(-1))).toBe('company');
      const extractions = extractor.calls;
      const callsAfterFirst = t.connector.calls.length;

      const retry = await deliver(activity);
      expect(retry.status).toBe(200);
      expect(retry.replies).toEqual([]);
      expect(t.connector.calls.length).toBe(callsAfterFirst);
      expect(extractor.calls).toBe(extractions);
      expect(await visitorLines(conversationId)).toEqual([activity.text]);

      // The id was written by the turn's own state write, next to what the turn learned.
      const key = `webchat/conversations/${conversationId}/`;
      const state = (await store.db.state.read([key]))[key] as { completedTurns?: string[]; lead?: { turn: number } };
      expect(state.completedTurns).toEqual([activity.id]);
      expect(state.lead?.turn).toBe(1);
    });

    it('processes again the redelivery of a turn that failed (its state write never happened)', async () => {
      const conversationId = `dedupe-${randomUUID()}`;
      expect(askOf((await deliver(message(conversationId, "Bonjour, nos commerciaux n'ont plus assez de rendez-vous."))).replies.at(-1))).toBe('company');
      const company = message(conversationId, 'Éditeur de logiciel, 140 salariés.');
      extractor.failOnce.add(company.text!);

      const failed = await deliver(company);
      expect(failed.replies.map((reply) => reply.text)).toEqual([translate('bot.turnError', 'fr')]);

      const redelivered = await deliver(company);
      expect(redelivered.status).toBe(200);
      expect(askOf(redelivered.replies.at(-1))).toBe('authority');
      expect(await visitorLines(conversationId)).toEqual(["Bonjour, nos commerciaux n'ont plus assez de rendez-vous.", company.text]); // stored once

      // Now completed: a further copy is dropped.
      expect((await deliver(company)).replies).toEqual([]);
    });

    it('does not remember a message a middleware refused before the bot (no state write): its copy is refused again', async () => {
      const conversationId = `dedupe-${randomUUID()}`;
      const tooLong = message(conversationId, 'x'.repeat(20_000));
      expect((await deliver(tooLong)).replies.map((reply) => reply.text)).toEqual([translate('bot.tooLong', 'fr')]);
      expect((await deliver(tooLong)).replies.map((reply) => reply.text)).toEqual([translate('bot.tooLong', 'fr')]);
      const key = `webchat/conversations/${conversationId}/`;
      expect(await store.db.state.read([key])).toEqual({});
    });
  };
}

describe('turn dedupe in the bot state on SQLite', dedupeSuite(async () => ({ db: await openDatabase({ url: ':memory:', dataDir: ':memory:' }), destroy: async () => undefined })));

describe(
  'turn dedupe in the bot state on PostgreSQL',
  dedupeSuite(async () => {
    const database = await createTestDatabase();
    return { db: await openDatabase({ url: database.url, dataDir: '/nonexistent' }), destroy: database.drop };
  }),
);
