import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterVisitorChannel, VisitorChannelRouter, type VisitorChannel } from '../../src/handoff/index.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import { eventually, HandoffHarness, SseReader } from './helpers/handoff-harness.js';

/**
 * A widget-like adapter: its visitors are connected to one process only. Records what it delivers.
 * (Stands in for the website widget adapter, which is another module.)
 */
class SocketAdapter extends BotAdapter {
  readonly delivered: Array<{ conversationId: string; text?: string }> = [];
  readonly connected = new Set<string>();

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) this.delivered.push({ conversationId: context.activity.conversation.id, text: activity.text });
    return activities.map((_, index) => ({ id: `sent-${index}` }));
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async updateActivity(): Promise<void> {}
  override async deleteActivity(): Promise<void> {}
}

const db = openSqliteDatabase({ filename: ':memory:' });
const socketsA = new SocketAdapter();
const socketsB = new SocketAdapter();
const channel = (adapter: SocketAdapter): Record<string, VisitorChannel> => ({
  widget: new AdapterVisitorChannel(adapter, (reference) => adapter.connected.has(reference.conversation?.id ?? '')),
});
// Two instances behind a load balancer: one database, one event bus.
const a = new HandoffHarness({ db, routes: channel(socketsA) });
const b = new HandoffHarness({ db, routes: channel(socketsB) });
let tokenOnA: string;

const widgetReference = (conversationId: string): Partial<ConversationReference> => ({
  channelId: 'widget',
  serviceUrl: 'urn:qualibot:widget',
  conversation: { id: conversationId } as ConversationReference['conversation'],
  bot: { id: 'qualibot', name: 'Qualibot' },
  user: { id: `visitor-${conversationId}`, name: 'Visitor' },
});

beforeAll(async () => {
  await a.start();
  await b.start();
  await a.addSdr('marie@prospekt.example', 'Marie — Sales');
  tokenOnA = await a.login('marie@prospekt.example');
});

afterAll(async () => {
  await a.close();
  await b.close();
  await db.close();
});

describe('several instances', () => {
  it('lets an SDR on instance A reach a visitor whose socket is on instance B, exactly once', async () => {
    socketsB.connected.add('cross-1');
    await db.references.save('cross-1', widgetReference('cross-1'));
    await db.handoffs.create({ id: 'cross-h1', conversationId: 'cross-1', leadId: 'lead-x', reason: 'high_score', score: 90, tier: 'hot', packet: { locale: 'en', summary: 'x' } });

    expect((await a.api('POST', '/api/sdr/handoffs/cross-h1/claim', { token: tokenOnA })).status).toBe(200);
    const sent = await a.api('POST', '/api/sdr/handoffs/cross-h1/messages', { token: tokenOnA, body: { text: 'Hi, Marie here.' } });
    expect(sent.body.delivery).toBe('relayed');

    await eventually(() => expect(socketsB.delivered.map((item) => item.text)).toEqual(['Marie — Sales has joined the conversation.', '**Marie — Sales**: Hi, Marie here.']));
    expect(socketsA.delivered).toEqual([]);
  });

  it('delivers directly when the socket is on the same instance', async () => {
    socketsA.connected.add('cross-2');
    await db.references.save('cross-2', widgetReference('cross-2'));
    await db.handoffs.create({ id: 'cross-h2', conversationId: 'cross-2', leadId: 'lead-y', reason: 'ambiguous', score: 55, tier: 'warm', packet: { locale: 'fr', summary: 'y' } });
    await a.api('POST', '/api/sdr/handoffs/cross-h2/claim', { token: tokenOnA });
    const sent = await a.api('POST', '/api/sdr/handoffs/cross-h2/messages', { token: tokenOnA, body: { text: 'Bonjour !' } });
    expect(sent.body.delivery).toBe('sent');
    expect(socketsA.delivered.filter((item) => item.conversationId === 'cross-2').map((item) => item.text)).toEqual(['Marie — Sales a rejoint la conversation.', '**Marie — Sales** : Bonjour !']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socketsB.delivered.filter((item) => item.conversationId === 'cross-2')).toEqual([]);
  });

  it('shows what happens on instance A to a console connected to instance B', async () => {
    const tokenOnB = await b.login('marie@prospekt.example');
    const stream = await SseReader.open(`${b.url}/api/sdr/stream?token=${encodeURIComponent(tokenOnB)}`);
    try {
      await a.reachHandoff('cross-3');
      const handoff = await a.openHandoff('cross-3');
      await eventually(() => expect(stream.events).toContainEqual({ event: 'queue', data: expect.objectContaining({ change: 'created', handoff: expect.objectContaining({ id: handoff.id }) }) }));
      await a.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: tokenOnA });
      await a.api('POST', `/api/sdr/handoffs/${handoff.id}/messages`, { token: tokenOnA, body: { text: 'Message posted on A' } });
      await eventually(() => expect(stream.events).toContainEqual({ event: 'message', data: expect.objectContaining({ handoffId: handoff.id, from: 'sdr', text: 'Message posted on A', author: 'Marie — Sales' }) }));
    } finally {
      stream.close();
    }
  });

  it('routes by channel: unknown channels fall back to the default implementation', async () => {
    const calls: string[] = [];
    const fake = (name: string): VisitorChannel => ({
      reach: () => 'anywhere',
      send: async () => void calls.push(name),
    });
    const router = new VisitorChannelRouter({ widget: fake('widget') }, fake('bot-framework'));
    await router.send({ channelId: 'widget' }, []);
    await router.send({ channelId: 'msteams' }, []);
    await router.send({ channelId: 'constructor' }, []);
    await router.send({}, []);
    expect(calls).toEqual(['widget', 'bot-framework', 'bot-framework', 'bot-framework']);
  });
});
