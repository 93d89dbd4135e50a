import type { Activity, ChannelAccount, ConversationAccount } from '../activity.js';
import { ActivityTypes } from '../protocol.js';
import { SLACK_CHANNEL_ID } from './slack-constants.js';
import { isDirectMessageChannel, slackConversationId, type SlackConversationKey } from './slack-conversation-id.js';
import type { SlackBlockActions, SlackEventCallback } from './slack-payloads.js';
import { slackToPlainText } from './slack-text.js';

/** What the Slack-specific part of an incoming activity's channelData holds. */
export interface SlackChannelData {
  teamId: string;
  eventId?: string;
  event?: unknown;
  /**
   * The thread a DM was written in (Slack's thread and assistant views): the DM stays one conversation,
   * and this turn's replies go to that thread.
   */
  replyThreadTs?: string;
  /** The button clicked, for a click (part 2: SDR actions are told apart by `actionId`). */
  action?: { actionId: string; blockId?: string; value: string; messageTs?: string };
}

export type Inbound = { activity: Partial<Activity> } | { ignored: string };

/**
 * A Slack event as a Bot Framework message activity, or why it is ignored. DMs (`message` in an
 * `im`) and mentions of the bot elsewhere (`app_mention`) are conversations; the bot's own
 * messages, edits, joins and plain channel chatter are not. A mention starts a thread: the
 * conversation is that thread, so two colleagues mentioning the bot get two separate leads. A DM is
 * one conversation even when written in a thread; the replies then go to that thread.
 */
export function eventToActivity(envelope: SlackEventCallback, botUserId: string | undefined, serviceUrl: string): Inbound {
  const { event } = envelope;
  if (event.bot_id || (botUserId && event.user === botUserId)) return { ignored: 'bot message' };
  if (event.subtype && event.subtype !== 'file_share' && event.subtype !== 'thread_broadcast') return { ignored: `subtype ${event.subtype}` };
  if (!event.user || !event.channel || !event.ts) return { ignored: 'incomplete event' };
  const team = event.team ?? envelope.team_id;

  let key: SlackConversationKey;
  if (event.type === 'message' && event.channel_type === 'im') {
    key = { team, channel: event.channel };
  } else if (event.type === 'app_mention' && !isDirectMessageChannel(event.channel)) {
    key = { team, channel: event.channel, threadTs: event.thread_ts ?? event.ts };
  } else {
    return { ignored: `${event.type} in ${event.channel_type ?? 'channel'}` };
  }
  const text = slackToPlainText(event.text ?? '', botUserId);
  if (!text) return { ignored: 'no text' };
  const replyThreadTs = !key.threadTs && event.thread_ts ? event.thread_ts : undefined;
  const channelData: { slack: SlackChannelData } = { slack: { teamId: team, eventId: envelope.event_id, event, ...(replyThreadTs ? { replyThreadTs } : {}) } };
  return {
    activity: message(key, event.ts, { id: event.user, name: event.user }, text, botUserId, serviceUrl, channelData),
  };
}

/** A click on one of the bot's buttons: a message whose text is the button's value. */
export function clickToActivity(payload: SlackBlockActions, botUserId: string | undefined, serviceUrl: string): Inbound {
  const action = payload.actions.find((candidate) => candidate.type === 'button' && candidate.value);
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  const team = payload.team?.id ?? payload.user.team_id;
  const messageTs = payload.message?.ts ?? payload.container?.message_ts;
  if (!action?.value || !channel || !team || !messageTs) return { ignored: 'no button value or no message' };
  const inThread = payload.message?.thread_ts ?? payload.container?.thread_ts;
  const direct = isDirectMessageChannel(channel);
  const key: SlackConversationKey = direct ? { team, channel } : { team, channel, threadTs: inThread ?? messageTs };
  const id = action.action_ts ?? `${messageTs}-${action.action_id}`;
  const from = { id: payload.user.id, name: payload.user.name ?? payload.user.username ?? payload.user.id };
  const channelData: { slack: SlackChannelData } = {
    slack: {
      teamId: team,
      ...(direct && inThread ? { replyThreadTs: inThread } : {}),
      action: { actionId: action.action_id, blockId: action.block_id, value: action.value, messageTs },
    },
  };
  return { activity: message(key, id, from, action.value, botUserId, serviceUrl, channelData) };
}

export function slackConversationAccount(key: SlackConversationKey): ConversationAccount {
  const direct = isDirectMessageChannel(key.channel);
  return {
    id: slackConversationId(key),
    isGroup: !direct,
    conversationType: direct ? 'personal' : 'channel',
    tenantId: key.team,
    name: '',
  };
}

export function slackBotAccount(botUserId: string | undefined): ChannelAccount {
  return { id: botUserId ?? 'slack-bot', name: 'Qualibot' };
}

function message(
  key: SlackConversationKey,
  id: string,
  from: ChannelAccount,
  text: string,
  botUserId: string | undefined,
  serviceUrl: string,
  channelData: { slack: SlackChannelData },
): Partial<Activity> {
  const seconds = Number(id.split('-')[0]);
  return {
    type: ActivityTypes.Message,
    id,
    timestamp: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(),
    channelId: SLACK_CHANNEL_ID,
    serviceUrl,
    conversation: slackConversationAccount(key),
    from,
    recipient: slackBotAccount(botUserId),
    text,
    textFormat: 'plain',
    // No locale in Slack's events: the channel asks Slack for the user's (index.ts, SlackUserLocales).
    channelData,
  };
}
