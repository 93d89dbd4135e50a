import type { Activity } from '../channels/activity.js';
import { z } from 'zod';
import { HANDOFF_REASONS } from '../qualification/types.js';
import type { EventBus, Unsubscribe } from '../storage/ports/event-bus.js';
import { HANDOFF_STATUSES } from '../storage/ports/handoffs.js';
import type { TranscriptSender } from '../storage/ports/transcripts.js';
import type { HandoffSummary } from './queue-view.js';

/**
 * What travels on `db.bus` between instances. Topic names are plain identifiers so every bus
 * engine accepts them (PostgreSQL LISTEN channels included). Another instance may run another version
 * of the code, and anyone with database access can NOTIFY: every event is parsed on receipt.
 */

/** Queue changes and live messages, fanned out to every SDR console on every instance. */
export const HANDOFF_EVENTS_TOPIC = 'qualibot_handoff_events';
/** Messages for a visitor, delivered by the instance that can reach them (e.g. holds their widget socket). */
export const VISITOR_DELIVERY_TOPIC = 'qualibot_handoff_delivery';

export const QUEUE_CHANGES = ['created', 'claimed', 'released', 'closed', 'expired', 'updated'] as const;
export type QueueChange = (typeof QUEUE_CHANGES)[number];

export type HandoffBusEvent =
  | { type: 'queue'; change: QueueChange; handoff: HandoffSummary }
  | { type: 'message'; handoffId: string; conversationId: string; from: TranscriptSender; text: string; at: string; author?: string }
  | { type: 'visitor-left'; handoffId: string; conversationId: string; at: string }
  /** The visitor of a live conversation is typing (relayed, never stored). */
  | { type: 'typing'; handoffId: string; conversationId: string; at: string }
  /** The visitor wrote after the SDR closed the conversation. */
  | { type: 'visitor-returned'; handoffId: string; conversationId: string; text: string; at: string; handoff: HandoffSummary };

/** Activities for one visitor, relayed to the instance holding their connection. */
export interface RelayedDelivery {
  conversationId: string;
  activities: Partial<Activity>[];
}

const sdrRef = z.object({ id: z.string(), name: z.string() });
const handoffSummary = z.object({
  id: z.string(),
  conversationId: z.string(),
  status: z.enum(HANDOFF_STATUSES),
  callback: z.boolean(),
  reason: z.enum(HANDOFF_REASONS),
  score: z.number(),
  tier: z.enum(['hot', 'warm', 'cold', 'disqualified']),
  createdAt: z.string(),
  waitingSeconds: z.number(),
  summary: z.string(),
  locale: z.string().optional(),
  sdrId: z.string().optional(),
  sdrName: z.string().optional(),
  claimedAt: z.string().optional(),
  closedAt: z.string().optional(),
  outcome: z.string().optional(),
  endReason: z.string().optional(),
  visitorGone: z.boolean().optional(),
  suggestedSdr: sdrRef.optional(),
  // Defaults: a summary from an instance still on an older version keeps reaching the consoles during a rolling upgrade.
  visitor: z
    .object({
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      jobTitle: z.string().optional(),
      company: z.string().optional(),
      headcount: z.number().optional(),
      words: z.string(),
    })
    .default(() => ({ words: '' })),
  levels: z.array(z.object({ dimension: z.string(), value: z.string() })).default(() => []),
  online: z.boolean().default(true),
  meeting: z.object({ start: z.string(), end: z.string(), calendar: z.string(), joinUrl: z.string().optional() }).optional(),
});

export const handoffBusEventSchema: z.ZodType<HandoffBusEvent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), change: z.enum(QUEUE_CHANGES), handoff: handoffSummary }),
  z.object({
    type: z.literal('message'),
    handoffId: z.string(),
    conversationId: z.string(),
    from: z.enum(['visitor', 'bot', 'sdr']),
    text: z.string(),
    at: z.string(),
    author: z.string().optional(),
  }),
  z.object({ type: z.literal('visitor-left'), handoffId: z.string(), conversationId: z.string(), at: z.string() }),
  z.object({ type: z.literal('typing'), handoffId: z.string(), conversationId: z.string(), at: z.string() }),
  z.object({
    type: z.literal('visitor-returned'),
    handoffId: z.string(),
    conversationId: z.string(),
    text: z.string(),
    at: z.string(),
    handoff: handoffSummary,
  }),
]);

export const relayedDeliverySchema: z.ZodType<RelayedDelivery> = z.object({
  conversationId: z.string().min(1),
  // Activities are the channel's business; they only have to be objects.
  activities: z.array(z.custom<Partial<Activity>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))),
});

interface BusLogger {
  warn(object: object, message: string): void;
}

/**
 * Subscribes `handler` to the events of `topic` that match `schema`. A malformed event (another version,
 * a stray NOTIFY) is logged and dropped: it never reaches the handler and never stops the subscription.
 */
export function subscribeValidated<T>(
  bus: Pick<EventBus, 'subscribe'>,
  topic: string,
  schema: z.ZodType<T>,
  handler: (event: T) => void | Promise<void>,
  logger: BusLogger,
): Promise<Unsubscribe> {
  return bus.subscribe(topic, (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      logger.warn({ topic, issues: z.prettifyError(parsed.error).slice(0, 500) }, 'event bus: malformed event dropped');
      return;
    }
    return handler(parsed.data);
  });
}
