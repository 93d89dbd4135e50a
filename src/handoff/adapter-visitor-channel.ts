import type { Activity, BotAdapter, ConversationReference } from 'botbuilder';
import type { ChannelReach, VisitorChannel } from './visitor-channel.js';

/**
 * Any `BotAdapter` that implements `continueConversation` (the website widget). Such a connection
 * lives in one process: `isHere` tells whether this instance holds it; without it, always here.
 */
export class AdapterVisitorChannel implements VisitorChannel {
  constructor(
    private readonly adapter: Pick<BotAdapter, 'continueConversation'>,
    private readonly isHere?: (reference: Partial<ConversationReference>) => boolean,
  ) {}

  reach(reference: Partial<ConversationReference>): ChannelReach {
    return !this.isHere || this.isHere(reference) ? 'here' : 'elsewhere';
  }

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.adapter.continueConversation(reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
