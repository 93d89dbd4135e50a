/** Where a Slack conversation lives: a workspace, a channel (or DM), and a thread in channels. */
export interface SlackConversationKey {
  team: string;
  channel: string;
  /** Root message of the thread the bot answers in (channels only; DMs are one conversation). */
  threadTs?: string;
}

/** `team:channel[:thread_ts]` — Slack ids and timestamps never contain a colon. */
export function slackConversationId(key: SlackConversationKey): string {
  return [key.team, key.channel, key.threadTs].filter(Boolean).join(':');
}

export function parseSlackConversationId(id: string): SlackConversationKey {
  const [team, channel, threadTs, ...rest] = id.split(':');
  if (!team || !channel || rest.length > 0) throw new Error(`Not a Slack conversation id: "${id}" (expected team:channel[:thread_ts]).`);
  return threadTs ? { team, channel, threadTs } : { team, channel };
}

/** DM channel ids start with D (public C, private/legacy group G). */
export function isDirectMessageChannel(channel: string): boolean {
  return channel.startsWith('D');
}
