import type { Activity, BotAdapter, ConversationReference } from 'botbuilder';
import type { ChannelReach, VisitorChannel } from './visitor-channel.js';

/**
 * Any `BotAdapter` that implements `continueConversation` (the website widget). Such a connection
 * lives in one process: `isHere` tells whether this instance holds it; without it, always here.
 */
export class AdapterVisitorChannel implements VisitorChannel {
  /**
   * `isHere` tells whether this instance holds the visitor's connection (widget sockets);
   * `'anywhere'` is for adapters any instance can send through (Slack's Web API).
   */
  constructor(
    private readonly adapter: Pick<BotAdapter, 'continueConversation'>,
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
