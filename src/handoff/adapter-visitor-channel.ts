import type { TurnContext } from '../bot/turn.js';
import type { Activity, ConversationReference } from '../channels/activity.js';
import type { ChannelReach, VisitorChannel } from './visitor-channel.js';

/** What such an adapter offers: a turn in a conversation it holds, to send in. */
export interface ContinuingAdapter {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Any adapter that implements `continueConversation` (the website widget). Such a connection
 * lives in one process: `isHere` tells whether this instance holds it; without it, always here.
 */
export class AdapterVisitorChannel implements VisitorChannel {
  /**
   * `isHere` tells whether this instance holds the visitor's connection (widget sockets);
   * `'anywhere'` is for adapters any instance can send through (Slack's Web API).
   */
  constructor(
    private readonly adapter: ContinuingAdapter,
    private readonly isHere?: ((reference: Partial<ConversationReference>) => boolean) | 'anywhere',
  ) {}

  reach(reference: Partial<ConversationReference>): ChannelReach {
    if (this.isHere === 'anywhere') return 'anywhere';
    return !this.isHere || this.isHere(reference) ? 'here' : 'elsewhere';
  }

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.adapter.continueConversation(reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
