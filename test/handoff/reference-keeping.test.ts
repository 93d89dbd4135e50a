import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementCounter } from '../../bench/lib/statement-counter.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { HOT_ANSWERS_FR, startHarness, eventually, type HandoffHarness } from './helpers/handoff-harness.js';

let h: HandoffHarness;
let token: string;
let counter: StatementCounter;
/** Where the visitor writes from after switching (another Bot Connector serviceUrl). */
let elsewhere: FakeConnector;

beforeAll(async () => {
  h = await startHarness();
  await h.addSdr('marie@prospekt.example', 'Marie — Sales');
  token = await h.login('marie@prospekt.example');
  elsewhere = new FakeConnector();
  await elsewhere.start();
  counter = new StatementCounter().install();
});

afterAll(async () => {
  counter?.uninstall();
  await elsewhere?.stop();
  await h?.close();
});

/** The statements one visitor message costs, by table. */
async function countedTurn(conversationId: string, text: string, serviceUrl = h.connector.url) {
  counter.take();
  await h.post(conversationId, { text, serviceUrl });
  return counter.take();
}

describe('the handoff interceptor and the conversation reference', () => {
  it('reads no handoff and writes no reference while the lead is being qualified; the decision saves the reference', async () => {
    const conversationId = 'keep-qualifying';
    const [hello, ...answers] = ['Bonjour', ...HOT_ANSWERS_FR];
    for (const text of [hello!, ...answers.slice(0, -1)]) {
      const counts = await countedTurn(conversationId, text);
      expect(counts.readsByTable.handoffs ?? 0, text).toBe(0);
      expect(counts.readsByTable.conversation_references ?? 0, text).toBe(0);
      expect(counts.writesByTable.conversation_references ?? 0, text).toBe(0);
    }
    expect(await h.db.references.get(conversationId)).toBeUndefined();

    const decisive = await countedTurn(conversationId, answers.at(-1)!);
    expect(decisive.writesByTable.conversation_references).toBe(1); // HandoffListener, at decision time
    expect(decisive.writesByTable.handoffs).toBe(1);
    expect((await h.db.references.get(conversationId))?.serviceUrl).toBe(h.connector.url);
  });

  it('after the decision, saves the reference only when it changed, and SDR messages follow the visitor there', async () => {
    const conversationId = 'keep-decided';
    await h.reachHandoff(conversationId);
    const handoff = await h.openHandoff(conversationId);

    const unchanged = await countedTurn(conversationId, 'Ok, je patiente');
    expect(unchanged.writesByTable.conversation_references ?? 0).toBe(0);
    expect(unchanged.readsByTable.handoffs).toBe(1); // the interceptor still finds the waiting handoff
    expect(h.botTexts(conversationId).at(-1)).toBe('Un expert arrive, merci de patienter encore un instant.');

    const switched = await countedTurn(conversationId, 'Je suis passé sur mon téléphone', elsewhere.url);
    expect(switched.writesByTable.conversation_references).toBe(1);
    expect((await h.db.references.get(conversationId))?.serviceUrl).toBe(elsewhere.url);
    expect((await countedTurn(conversationId, 'Toujours là', elsewhere.url)).writesByTable.conversation_references ?? 0).toBe(0);

    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token })).status).toBe(200);
    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/messages`, { token, body: { text: 'Bonjour, ici Marie.' } })).status).toBe(200);
    await eventually(() =>
      expect(elsewhere.messages(conversationId).map((activity) => activity.text).slice(-2)).toEqual(['Marie — Sales a rejoint la conversation.', '**Marie — Sales** : Bonjour, ici Marie.']),
    );
  });
});
