import type { TranscriptSender } from '../storage/ports.js';
import type { HandoffSummary } from './queue-view.js';

/**
 * What travels on `db.bus` between instances. Topic names are plain identifiers so every bus
 * engine accepts them (PostgreSQL LISTEN channels included).
 */

/** Queue changes and live messages, fanned out to every SDR console on every instance. */
export const HANDOFF_EVENTS_TOPIC = 'qualibot_handoff_events';
/** Messages for a visitor, delivered by the instance that can reach them (e.g. holds their widget socket). */
export const VISITOR_DELIVERY_TOPIC = 'qualibot_handoff_delivery';

export type QueueChange = 'created' | 'claimed' | 'released' | 'closed' | 'expired' | 'updated';

export type HandoffBusEvent =
  | { type: 'queue'; change: QueueChange; handoff: HandoffSummary }
  | { type: 'message'; handoffId: string; conversationId: string; from: TranscriptSender; text: string; at: string; author?: string }
  | { type: 'visitor-left'; handoffId: string; conversationId: string; at: string }
  /** The visitor of a live conversation is typing (relayed, never stored). */
  | { type: 'typing'; handoffId: string; conversationId: string; at: string }
  /** The visitor wrote after the SDR closed the conversation. */
  | { type: 'visitor-returned'; handoffId: string; conversationId: string; text: string; at: string; handoff: HandoffSummary };

export function isHandoffBusEvent(value: unknown): value is HandoffBusEvent {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'queue' || type === 'message' || type === 'visitor-left' || type === 'typing' || type === 'visitor-returned';
}
