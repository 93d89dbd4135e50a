import { describe, expect, it } from 'vitest';
import { WidgetConversations } from '../../../src/channels/widget/widget-conversations.js';

describe('WidgetConversations', () => {
  it('forgets idle conversations without sockets or running work, and keeps the others', async () => {
    let now = 0;
    const conversations = new WidgetConversations(() => now);
    const idle = conversations.create({ id: 'c_idle-conversation', visitorId: 'v_visitor-one', locale: 'fr-FR', context: {} });
    const connected = conversations.create({ id: 'c_connected-one', visitorId: 'v_visitor-two', locale: 'fr-FR', context: {} });
    const busy = conversations.create({ id: 'c_busy-conversation', visitorId: 'v_visitor-three', locale: 'en-US', context: {} });
    connected.clients.add({} as never);
    let release!: () => void;
    const running = busy.turns.run(() => new Promise<void>((resolve) => (release = resolve)));
    now = 31 * 60_000;
    expect(conversations.sweep(30 * 60_000)).toBe(1);
    expect(conversations.get(idle.id)).toBeUndefined();
    expect(conversations.get(connected.id)).toBe(connected);
    expect(conversations.get(busy.id)).toBe(busy);
    await new Promise((resolve) => setImmediate(resolve)); // the task starts on the next tick
    release();
    await running;
  });

  it('remembers recent client activity ids to spot resends, within a bound', () => {
    const conversation = new WidgetConversations().create({ id: 'c_conversation-x', visitorId: 'v_visitor-x', locale: 'fr-FR', context: {} });
    expect(WidgetConversations.rememberClientActivity(conversation, 'a')).toBe(true);
    expect(WidgetConversations.rememberClientActivity(conversation, 'a')).toBe(false);
    for (let index = 0; index < 600; index += 1) WidgetConversations.rememberClientActivity(conversation, `id-${index}`);
    expect(conversation.clientActivityIds.size).toBe(500);
    expect(WidgetConversations.rememberClientActivity(conversation, 'a')).toBe(true); // long forgotten
  });
});
