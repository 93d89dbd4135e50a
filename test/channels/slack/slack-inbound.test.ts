import { describe, expect, it } from 'vitest';
import { clickToActivity, eventToActivity } from '../../../src/channels/slack/slack-inbound.js';
import type { SlackBlockActions, SlackEventCallback } from '../../../src/channels/slack/slack-payloads.js';

const API = 'http://127.0.0.1:1/api/';
const BOT = 'U0BOT';

function envelope(event: Record<string, unknown>): SlackEventCallback {
  return { type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', ...event } } as SlackEventCallback;
}

describe('eventToActivity', () => {
  it('maps a DM to a personal conversation team:channel, from the Slack user, with no locale', () => {
    const result = eventToActivity(envelope({ channel_type: 'im', channel: 'D1', user: 'U9', text: 'We need more meetings', ts: '1700000000.000100' }), BOT, API);
    expect('activity' in result && result.activity).toMatchObject({
      type: 'message',
      id: '1700000000.000100',
      channelId: 'slack',
      serviceUrl: API,
      conversation: { id: 'T1:D1', conversationType: 'personal', isGroup: false },
      from: { id: 'U9' },
      recipient: { id: BOT },
      text: 'We need more meetings',
    });
    expect('activity' in result && result.activity.locale).toBeUndefined();
    expect('activity' in result && result.activity.timestamp?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('keeps a DM one conversation even when the visitor answers in a thread, and names that thread for the replies', () => {
    const result = eventToActivity(envelope({ channel_type: 'im', channel: 'D1', user: 'U9', text: 'hi', ts: '2.0', thread_ts: '1.0' }), BOT, API);
    expect('activity' in result && result.activity.conversation?.id).toBe('T1:D1');
    expect('activity' in result && result.activity.channelData).toMatchObject({ slack: { replyThreadTs: '1.0' } });
    const topLevel = eventToActivity(envelope({ channel_type: 'im', channel: 'D1', user: 'U9', text: 'hi', ts: '3.0' }), BOT, API);
    expect('activity' in topLevel && (topLevel.activity.channelData as { slack: object }).slack).not.toHaveProperty('replyThreadTs');
  });

  it('maps a channel mention to a thread conversation (a new thread rooted at the mention), mention stripped', () => {
    const top = eventToActivity(envelope({ type: 'app_mention', channel: 'C1', user: 'U9', text: '<@U0BOT> 140 salariés', ts: '5.0' }), BOT, API);
    expect('activity' in top && top.activity).toMatchObject({ conversation: { id: 'T1:C1:5.0', conversationType: 'channel', isGroup: true }, text: '140 salariés' });
    const inThread = eventToActivity(envelope({ type: 'app_mention', channel: 'C1', user: 'U9', text: '<@U0BOT> oui', ts: '6.0', thread_ts: '5.0' }), BOT, API);
    expect('activity' in inThread && inThread.activity.conversation?.id).toBe('T1:C1:5.0');
  });

  it.each([
    ['the bot’s own messages', { channel_type: 'im', channel: 'D1', bot_id: 'B1', text: 'Hello', ts: '1.0' }],
    ['messages from the bot user', { channel_type: 'im', channel: 'D1', user: BOT, text: 'Hello', ts: '1.0' }],
    ['edits and other subtypes', { channel_type: 'im', channel: 'D1', user: 'U9', subtype: 'message_changed', ts: '1.0' }],
    ['plain channel chatter (only mentions count there)', { channel_type: 'channel', channel: 'C1', user: 'U9', text: '<@U0BOT> hi', ts: '1.0' }],
    ['a mention with nothing else', { type: 'app_mention', channel: 'C1', user: 'U9', text: '<@U0BOT>', ts: '1.0' }],
  ])('ignores %s', (_name, event) => {
    expect('ignored' in eventToActivity(envelope(event), BOT, API)).toBe(true);
  });
});

describe('clickToActivity', () => {
  const click = (overrides: Partial<SlackBlockActions> = {}): SlackBlockActions =>
    ({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U9', name: 'anna' },
      channel: { id: 'C1' },
      container: { type: 'message', message_ts: '7.0', channel_id: 'C1' },
      message: { ts: '7.0', thread_ts: '5.0', text: 'Budget?' },
      actions: [{ type: 'button', action_id: 'qualibot.reply.0', block_id: 'qualibot.replies', value: 'Yes, budget approved', action_ts: '8.1', text: { text: 'Yes' } }],
      ...overrides,
    }) as SlackBlockActions;

  it('becomes a message in the question’s thread, whose text is the button value', () => {
    const result = clickToActivity(click(), BOT, API);
    expect('activity' in result && result.activity).toMatchObject({
      type: 'message',
      id: '8.1',
      conversation: { id: 'T1:C1:5.0' },
      from: { id: 'U9', name: 'anna' },
      text: 'Yes, budget approved',
      channelData: { slack: { action: { actionId: 'qualibot.reply.0', value: 'Yes, budget approved', messageTs: '7.0' } } },
    });
  });

  it('maps a click in a DM to the DM conversation', () => {
    const result = clickToActivity(click({ channel: { id: 'D1' }, message: { ts: '7.0', text: 'Budget?' } }), BOT, API);
    expect('activity' in result && result.activity.conversation?.id).toBe('T1:D1');
    expect('activity' in result && (result.activity.channelData as { slack: object }).slack).not.toHaveProperty('replyThreadTs');
  });

  it('maps a click on a question asked in a DM thread to the DM, answered in that thread', () => {
    const result = clickToActivity(click({ channel: { id: 'D1' }, container: { type: 'message', message_ts: '7.0', channel_id: 'D1', thread_ts: '5.0' } }), BOT, API);
    expect('activity' in result && result.activity).toMatchObject({ conversation: { id: 'T1:D1' }, channelData: { slack: { replyThreadTs: '5.0' } } });
  });

  it('ignores actions without a value', () => {
    expect('ignored' in clickToActivity(click({ actions: [{ type: 'button', action_id: 'x' }] }), BOT, API)).toBe(true);
  });
});
