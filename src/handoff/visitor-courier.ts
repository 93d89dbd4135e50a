import type { Activity, ConversationReference } from 'botbuilder';
import { DeliveryLanes } from '../delivery/delivery-lanes.js';
import type { Logger } from '../logger.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import type { Database } from '../storage/ports/database.js';
import type { Unsubscribe } from '../storage/ports/event-bus.js';
import { relayedDeliverySchema, subscribeValidated, VISITOR_DELIVERY_TOPIC, type RelayedDelivery } from './handoff-events.js';
import type { VisitorChannel } from './visitor-channel.js';

export type DeliveryOutcome = 'sent' | 'relayed' | 'no-reference' | 'failed';

/**
 * Gets activities to a visitor from whichever instance can reach them: sent directly when this
 * instance can, otherwise relayed on the bus to the instance holding the visitor's connection.
 * Sends to one conversation go out one at a time, in order; direct sends go through one lane per destination
 * (delivery-lanes.ts), so a channel that no longer answers fails fast instead of holding up the others.
 */
export class VisitorCourier {
  private readonly order = new KeyedLock();
  private unsubscribe?: Unsubscribe;

  constructor(
    private readonly db: Pick<Database, 'references' | 'bus'>,
    private readonly channels: VisitorChannel,
    private readonly logger: Logger,
    private readonly lanes: DeliveryLanes = new DeliveryLanes(),
  ) {}

  async start(): Promise<void> {
    this.unsubscribe ??= await subscribeValidated(this.db.bus, VISITOR_DELIVERY_TOPIC, relayedDeliverySchema, (delivery) => this.onRelayed(delivery), this.logger);
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  deliver(conversationId: string, activities: Partial<Activity>[]): Promise<DeliveryOutcome> {
    // The lock is taken before any await, so sends keep the order in which they were asked for.
    return this.order.run(conversationId, async (): Promise<DeliveryOutcome> => {
      const reference = await this.db.references.get(conversationId);
      if (!reference) {
        this.logger.warn({ conversationId }, 'handoff: no conversation reference, message not delivered to the visitor');
        return 'no-reference';
      }
      if (this.channels.reach(reference) === 'elsewhere') {
        await this.db.bus.publish(VISITOR_DELIVERY_TOPIC, { conversationId, activities } satisfies RelayedDelivery);
        return 'relayed';
      }
      try {
        await this.lanes.run(destinationOf(reference), () => this.channels.send(reference, activities));
        return 'sent';
      } catch (error) {
        this.logger.error({ err: error, conversationId, channelId: reference.channelId }, 'handoff: delivery to the visitor failed');
        return 'failed';
      }
    });
  }

  /** Every instance hears a relayed delivery; only the one holding the connection sends it. */
  private async onRelayed({ conversationId, activities }: RelayedDelivery): Promise<void> {
    await this.order.run(conversationId, async () => {
      const reference = await this.db.references.get(conversationId);
      if (!reference || this.channels.reach(reference) !== 'here') return;
      await this.channels.send(reference, activities).catch((error: unknown) => {
        this.logger.error({ err: error, conversationId }, 'handoff: relayed delivery to the visitor failed');
      });
    });
  }
}

/** The lane of a send: the channel service's origin for Bot Framework channels, else the channel itself. */
export function destinationOf(reference: Partial<ConversationReference>): string {
  try {
    if (reference.serviceUrl) return new URL(reference.serviceUrl).origin;
  } catch {
    // An unparsable URL is its own lane: it will fail there.
  }
  return reference.serviceUrl ?? reference.channelId ?? 'unknown';
}
