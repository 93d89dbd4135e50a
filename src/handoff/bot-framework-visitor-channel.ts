import type { TurnContext } from '../bot/turn.js';
import type { Activity, ConversationReference } from '../channels/activity.js';
import type { ChannelReach, VisitorChannel } from './visitor-channel.js';

/** The part of botbuilder's `CloudAdapter` this needs. */
export interface ProactiveCloudAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Bot Framework channels (Teams, Direct Line, Slack via Azure…): proactive messages through the Bot Connector. */
export class BotFrameworkVisitorChannel implements VisitorChannel {
  constructor(
    private readonly adapter: ProactiveCloudAdapter,
    /** `MicrosoftAppId`; empty in unauthenticated dev mode. */
    private readonly appId: string,
  ) {}

  reach(): ChannelReach {
    return 'anywhere';
  }

  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
