import type { EnqueueResult, OutboxEntry, OutboxRepository } from '../storage/ports/outbox.js';
import type { CrmEvent, CrmEventType } from './crm-event.js';

/** Queues a CRM event in the outbox (a duplicate idempotency key is ignored). */
export function enqueueCrmEvent(outbox: OutboxRepository, event: CrmEvent): Promise<EnqueueResult> {
  return outbox.enqueue({
    type: event.type,
    idempotencyKey: event.idempotencyKey,
    payload: { ...event.payload, occurredAt: event.occurredAt },
  });
}

/** The event an outbox row carries (inverse of `enqueueCrmEvent`). */
export function crmEventFromOutbox(entry: OutboxEntry): CrmEvent {
  const { occurredAt, ...payload } = (entry.payload ?? {}) as Record<string, unknown>;
  return {
    // A type this version does not know (queued by a newer one) is still delivered as-is.
    type: entry.type as CrmEventType,
    idempotencyKey: entry.idempotencyKey,
    payload,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : entry.createdAt,
  };
}
