import type { ChannelAccount, ConversationAccount } from '../activity.js';

/** The channel id every widget activity carries (`context.activity.channelId`). */
export const WIDGET_CHANNEL_ID = 'widget';
/** Not a URL anyone calls: replies go out through the adapter, never over HTTP. */
export const WIDGET_SERVICE_URL = 'urn:qualibot:widget';

export const WIDGET_BOT_ACCOUNT: ChannelAccount = Object.freeze({ id: 'qualibot', name: 'Qualibot', role: 'bot' });

export function visitorAccount(visitorId: string): ChannelAccount {
  return { id: visitorId, name: 'visitor', role: 'user' };
}

export function conversationAccount(conversationId: string): ConversationAccount {
  return { id: conversationId, isGroup: false, conversationType: 'personal', name: 'widget' };
}
