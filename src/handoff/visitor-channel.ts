import type { Activity, ConversationReference } from '../channels/activity.js';

/**
 * Where a conversation can be reached from this instance:
 * - `anywhere`: every instance can deliver (Bot Framework channels: a REST call to the channel's serviceUrl);
 * - `here`: this instance can (it holds the visitor's widget socket);
 * - `elsewhere`: another instance must deliver (relayed on the event bus).
 */
export type ChannelReach = 'anywhere' | 'here' | 'elsewhere';

/** Port: sends activities into a visitor's conversation outside of a visitor turn (SDR messages, notices). */
export interface VisitorChannel {
  reach(reference: Partial<ConversationReference>): ChannelReach;
  send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void>;
}

/** Picks the channel implementation by `reference.channelId` (e.g. `widget` → the widget adapter), else the fallback. */
export class VisitorChannelRouter implements VisitorChannel {
  constructor(
    private readonly routes: Readonly<Record<string, VisitorChannel>>,
    private readonly fallback: VisitorChannel,
  ) {}

  reach(reference: Partial<ConversationReference>): ChannelReach {
    return this.pick(reference).reach(reference);
  }

  send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    return this.pick(reference).send(reference, activities);
  }

  private pick(reference: Partial<ConversationReference>): VisitorChannel {
    const channelId = reference.channelId;
    return (channelId !== undefined && Object.hasOwn(this.routes, channelId) ? this.routes[channelId] : undefined) ?? this.fallback;
  }
}

/** Sends through `primary` when it accepts the reference, else through `fallback` (e.g. self-hosted Slack vs Azure's Slack channel). */
export class ConditionalVisitorChannel implements VisitorChannel {
  constructor(
    private readonly accepts: (reference: Partial<ConversationReference>) => boolean,
    private readonly primary: VisitorChannel,
    private readonly fallback: VisitorChannel,
  ) {}

  reach(reference: Partial<ConversationReference>): ChannelReach {
    return (this.accepts(reference) ? this.primary : this.fallback).reach(reference);
  }

  send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    return (this.accepts(reference) ? this.primary : this.fallback).send(reference, activities);
  }
}
