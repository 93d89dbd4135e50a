import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { FakeConnector } from '../../fakes/fake-connector.js';

type QualibotData = { ask?: string; route?: string; handoffReason?: string; tier?: string };

/** What the bot put in `channelData.qualibot` (the question it asks, the route it decided). */
export function qualibotData(activity: Partial<Activity> | undefined): QualibotData | undefined {
  return (activity?.channelData as { qualibot?: QualibotData } | undefined)?.qualibot;
}

export interface Exchange {
  status: number;
  activity: Partial<Activity>;
  /** The bot messages of this turn, in the order the connector got them. */
  replies: Partial<Activity>[];
  /** The question the bot asked last in these replies. */
  ask?: string;
  /** The route, when this message ended the qualification. */
  route?: string;
}

/**
 * One visitor on a Bot Framework channel: builds activities (serviceUrl = the fake connector, or a
 * gate in front of it) and POSTs them to whichever server instance the test names.
 */
export class ChannelVisitor {
  readonly conversationId: string;

  constructor(
    private readonly connector: FakeConnector,
    /** Where the bot sends its replies: the connector itself, or a gate proxy in front of it. */
    private readonly serviceUrl: string = connector.url,
    readonly channelId = 'webchat',
    conversationId = `durable-${randomUUID()}`,
  ) {
    this.conversationId = conversationId;
  }

  activity(fields: Partial<Activity>): Partial<Activity> {
    return {
      id: randomUUID(),
      channelId: this.channelId,
      serviceUrl: this.serviceUrl,
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `user-${this.conversationId}`, name: 'Visitor' },
      recipient: { id: 'qualibot', name: 'Qualibot' },
      timestamp: new Date(),
      locale: 'fr-FR',
      ...fields,
    } as Partial<Activity>;
  }

  message(text: string): Partial<Activity> {
    return this.activity({ type: 'message', text });
  }

  /** The chat opens: the bot greets and asks its first question. `pageContext` is what a web channel attaches. */
  open(baseUrl: string, pageContext?: Record<string, string>): Promise<Exchange> {
    const channelData = pageContext ? { qualibot: { context: pageContext } } : undefined;
    return this.send(baseUrl, this.activity({ type: 'conversationUpdate', membersAdded: [{ id: `user-${this.conversationId}`, name: 'Visitor' }], channelData }));
  }

  say(baseUrl: string, text: string): Promise<Exchange> {
    return this.send(baseUrl, this.message(text));
  }

  /** POSTs the activity; the server answers once the turn is over, so its replies are already recorded. */
  async send(baseUrl: string, activity: Partial<Activity>): Promise<Exchange> {
    const before = this.connector.calls.length;
    const status = await postActivity(baseUrl, activity);
    return this.exchange(status, activity, this.messagesSince(before));
  }

  /**
   * Sums up a turn. `replies` defaults to the messages that name this activity in `replyToId`
   * (not set on a greeting, which is no reply: `send` passes what arrived during the POST instead).
   */
  exchange(status: number, activity: Partial<Activity>, replies = this.replies(activity.id!)): Exchange {
    const data = replies.map(qualibotData);
    return {
      status,
      activity,
      replies,
      ask: data.filter((item) => item?.ask).at(-1)?.ask,
      route: data.find((item) => item?.route)?.route,
    };
  }

  replies(activityId: string): Partial<Activity>[] {
    return this.connector.calls
      .filter((call) => call.conversationId === this.conversationId && call.replyToId === activityId && call.activity?.type === 'message')
      .map((call) => call.activity!);
  }

  /** Bot messages of this conversation the connector received after its `index`-th call. */
  messagesSince(index: number): Partial<Activity>[] {
    return this.connector.calls
      .slice(index)
      .filter((call) => call.conversationId === this.conversationId && call.activity?.type === 'message')
      .map((call) => call.activity!);
  }

  /** Every bot message of this conversation, in order. */
  botMessages(): Partial<Activity>[] {
    return this.connector.messages(this.conversationId);
  }
}

/** POST /api/messages as a channel does; resolves with the HTTP status. */
export async function postActivity(baseUrl: string, activity: Partial<Activity>): Promise<number> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(20_000),
  });
  await response.arrayBuffer();
  return response.status;
}
