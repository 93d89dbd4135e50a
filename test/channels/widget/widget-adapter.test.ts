import { ActivityTypes, type TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../src/channels/widget/wire-protocol.js';
import { TestSocket, openSession } from './socket-test-client.js';
import { type WidgetTestServer, startWidgetTestServer } from './widget-test-server.js';

let server: WidgetTestServer;
const sockets: TestSocket[] = [];

async function connect(session: Awaited<ReturnType<typeof openSession>>, watermark = 0) {
  const socket = await TestSocket.open(server.url, session, watermark);
  sockets.push(socket);
  await socket.waitFor((frame) => frame.type === 'ready');
  return socket;
}

const textIs = (text: string) => (frame: ServerFrame) => frame.type === 'activity' && frame.activity.text === text;

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await server?.close();
  server = undefined as never; // each test starts its own
});

/** A bot whose answers the test scripts: what it saw, and when its turns started and ended. */
function scriptedBot(answer: (context: TurnContext) => Promise<void>) {
  const timeline: string[] = [];
  return {
    timeline,
    bot: {
      async run(context: TurnContext) {
        if (context.activity.type !== ActivityTypes.Message) return;
        timeline.push(`start ${context.activity.text}`);
        await answer(context);
        timeline.push(`end ${context.activity.text}`);
      },
    },
  };
}

describe('WidgetAdapter', () => {
  it('delivers proactive messages (continueConversation) to every open tab and to the history', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const tabA = await connect(session);
    const tabB = await connect(session);
    await tabA.waitForStored(3);
    const reference = server.channel.adapter.conversationReference(session.conversationId);
    expect(reference.user?.id).toBe(tabA.messages()[0]?.recipient?.id);

    // The SDK sends as `reference.bot`: a salesperson speaks under their own name by taking that seat.
    const asJulie = { ...reference, bot: { id: 'sdr-julie', name: 'Julie', role: 'bot' } };
    await server.channel.adapter.continueConversation(asJulie, async (context) => {
      expect(context.activity).toMatchObject({ type: 'event', name: 'continueConversation', channelId: 'widget' });
      await context.sendActivity('Julie, de Prospekt : bonjour !');
    });
    for (const tab of [tabA, tabB]) {
      const frame = await tab.waitFor(textIs('Julie, de Prospekt : bonjour !'));
      expect(frame).toMatchObject({ watermark: 4, activity: { from: { id: 'sdr-julie', name: 'Julie' } } });
      if (frame.type === 'activity') expect(frame.activity.replyToId).toBeUndefined(); // its trigger was never shown
    }
    const later = await connect(session);
    expect(later.activities().map((frame) => frame.activity.text).at(-1)).toBe('Julie, de Prospekt : bonjour !');
  });

  it('accepts every continueConversationAsync form of the base class', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const tab = await connect(session);
    const { adapter } = server.channel;
    const reference = adapter.conversationReference(session.conversationId);
    await adapter.continueConversationAsync('app-id', reference, (context) => context.sendActivity('one').then(() => undefined));
    await adapter.continueConversationAsync({} as never, reference, 'audience', (context) => context.sendActivity('two').then(() => undefined));
    await tab.waitFor(textIs('two'));
    expect(tab.messages().map((activity) => activity.text).slice(-2)).toEqual(['one', 'two']);
  });

  it('updates an activity in place and deletes one, keeping its position for Web Chat', async () => {
    server = await startWidgetTestServer();
    const session = await openSession(server.url);
    const tab = await connect(session);
    await tab.waitForStored(3);
    const { adapter } = server.channel;
    const reference = adapter.conversationReference(session.conversationId);
    let sentId = '';
    await adapter.continueConversation(reference, async (context) => {
      sentId = (await context.sendActivity('Créneau proposé : mardi 10 h'))!.id;
    });
    const original = await tab.waitFor(textIs('Créneau proposé : mardi 10 h'));
    await adapter.continueConversation(reference, async (context) => {
      await context.updateActivity({ id: sentId, type: 'message', text: 'Créneau proposé : mercredi 14 h' });
    });
    const updated = await tab.waitFor(textIs('Créneau proposé : mercredi 14 h'));
    await adapter.continueConversation(reference, async (context) => {
      await context.deleteActivity(sentId);
    });
    const deleted = await tab.waitFor((frame) => frame.type === 'activity' && frame.activity.type === 'messageDelete');
    if (original.type !== 'activity' || updated.type !== 'activity' || deleted.type !== 'activity') throw new Error('unreachable');
    expect(updated.activity.id).toBe(sentId);
    expect(deleted.activity.id).toBe(sentId);
    expect(updated.watermark).toBe(5);
    expect(deleted.watermark).toBe(6);
    const sequence = (frame: typeof original) => frame.activity.channelData?.['webchat:sequence-id'];
    expect(sequence(original)).toBe(4);
    expect(sequence(updated)).toBe(4);
    expect(sequence(deleted)).toBe(4);
  });

  it('relays typing without storing it, waits on delay activities and never shows traces', async () => {
    const { bot } = scriptedBot(async (context) => {
      await context.sendActivities([
        { type: ActivityTypes.Typing },
        { type: 'delay', value: 150 },
        { type: ActivityTypes.Trace, name: 'debug', value: { secret: true } },
        { type: ActivityTypes.Message, text: 'after the pause' },
      ]);
    });
    server = await startWidgetTestServer({ bot });
    const session = await openSession(server.url);
    const tab = await connect(session);
    const started = Date.now();
    tab.sendActivity({ type: 'message', text: 'hi', channelData: { clientActivityID: 'x' } });
    await tab.waitFor(textIs('after the pause'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(tab.activities().map((frame) => [frame.activity.type, frame.watermark])).toEqual([
      ['message', 1],
      ['typing', undefined],
      ['message', 2],
    ]);
    const replay = await connect(session);
    expect(replay.activities().map((frame) => frame.activity.type)).toEqual(['message', 'message']);
  });

  it('sends a failing turn to onTurnError and keeps the conversation going', async () => {
    const { bot } = scriptedBot(async (context) => {
      if (context.activity.text === 'boom') throw new Error('bot crashed');
      await context.sendActivity(`ok: ${context.activity.text}`);
    });
    server = await startWidgetTestServer({ bot });
    const errors: string[] = [];
    server.channel.adapter.onTurnError = async (context, error) => {
      errors.push(error.message);
      await context.sendActivity('Oups, un souci technique.');
    };
    const session = await openSession(server.url);
    const tab = await connect(session);
    tab.sendActivity({ type: 'message', text: 'boom', channelData: { clientActivityID: '1' } });
    await tab.waitFor(textIs('Oups, un souci technique.'));
    tab.sendActivity({ type: 'message', text: 'still there?', channelData: { clientActivityID: '2' } });
    await tab.waitFor(textIs('ok: still there?'));
    expect(errors).toEqual(['bot crashed']);
  });

  it('runs the turns of one conversation one at a time, in arrival order', async () => {
    const { bot, timeline } = scriptedBot(async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await context.sendActivity(`done ${context.activity.text}`);
    });
    server = await startWidgetTestServer({ bot });
    const session = await openSession(server.url);
    const tab = await connect(session);
    for (const text of ['a', 'b', 'c']) tab.sendActivity({ type: 'message', text, channelData: { clientActivityID: text } });
    await tab.waitFor(textIs('done c'));
    expect(timeline).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    // Each echo is sent as soon as it arrives; replies follow in order.
    const texts = tab.messages().map((activity) => activity.text);
    expect(texts.filter((text) => text?.startsWith('done'))).toEqual(['done a', 'done b', 'done c']);
    expect(texts.indexOf('c')).toBeLessThan(texts.indexOf('done a'));
  });

  it('lets a turn send a proactive message to its own conversation without waiting for itself', async () => {
    let adapterRef: WidgetTestServer['channel']['adapter'] | undefined;
    const { bot } = scriptedBot(async (context) => {
      const reference = adapterRef!.conversationReference(context.activity.conversation.id);
      await adapterRef!.continueConversation(reference, (proactive) => proactive.sendActivity('from inside the turn').then(() => undefined));
      await context.sendActivity('turn done');
    });
    server = await startWidgetTestServer({ bot });
    adapterRef = server.channel.adapter;
    const session = await openSession(server.url);
    const tab = await connect(session);
    expect(server.channel.adapter.isConnectedHere({ conversation: { id: session.conversationId } as never })).toBe(true);
    tab.sendActivity({ type: 'message', text: 'go', channelData: { clientActivityID: 'go' } });
    await tab.waitFor(textIs('turn done'));
    expect(tab.messages().map((activity) => activity.text)).toEqual(['go', 'from inside the turn', 'turn done']);
    await tab.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.channel.adapter.isConnectedHere({ conversation: { id: session.conversationId } as never })).toBe(false);
  });

  it('rebuilds a conversation from its history after the process forgot it (restart with a shared history)', async () => {
    const { InMemoryWidgetHistory } = await import('../../../src/channels/widget/in-memory-widget-history.js');
    const history = new InMemoryWidgetHistory();
    server = await startWidgetTestServer({ history });
    const session = await openSession(server.url);
    const tab = await connect(session);
    await tab.waitForStored(3);
    await tab.close();
    await server.close();

    server = await startWidgetTestServer({ history }); // same secret, same history, empty memory
    const resumed = await openSession(server.url, { visitorToken: session.visitorToken, locale: 'fr-FR' });
    expect(resumed).toMatchObject({ conversationId: session.conversationId, resumed: true });
    const again = await connect(resumed);
    expect(again.activities().map((frame) => frame.watermark)).toEqual([1, 2, 3]);
    expect(server.bot.received).toHaveLength(0); // no second greeting
  });
});
