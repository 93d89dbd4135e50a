import type { HandoffRecord } from '../storage/ports/handoffs.js';
import type { LeadRecord } from '../storage/ports/leads.js';

export const CRM_EVENT_TYPES = ['lead.qualified', 'lead.updated', 'person.erased'] as const;
export type CrmEventType = (typeof CRM_EVENT_TYPES)[number];

/** One thing the CRM should learn about. `payload` is filtered by the field allow-list before it leaves. */
export interface CrmEvent {
  type: CrmEventType;
  /** Sent as `Idempotency-Key`: the same event retried keeps the same key. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  /** ISO timestamp of when the event happened (enqueued). */
  occurredAt: string;
}

/** `<leadId>:<version>`: each stored version of a lead is delivered at most once. */
export function leadEventKey(lead: Pick<LeadRecord, 'id' | 'version'>): string {
  return `${lead.id}:${lead.version}`;
}

/**
 * The payload of `lead.qualified` / `lead.updated`: the decision and facts as level ids (never the
 * visitor's own words), contact, page context and, when there is one, the handoff and its SDR outcome.
 * The allow-list (`CRM_FIELDS`) then decides which of these paths actually leave.
 */
export function leadPayload(lead: LeadRecord, handoff?: HandoffRecord): Record<string, unknown> {
  const decision = lead.decision;
  const payload: Record<string, unknown> = {
    lead: {
      id: lead.id,
      version: lead.version,
      conversationId: lead.conversationId,
      channel: lead.channel,
      locale: lead.locale,
      status: lead.status,
      score: decision?.score ?? null,
      route: decision?.route ?? null,
      tier: decision?.tier ?? null,
      handoffReason: decision?.handoffReason ?? null,
      complete: decision?.complete ?? false,
      reasons: decision?.reasons.map(({ rule, dimension, points, detail }) => ({ rule, dimension, points, detail })) ?? [],
      facts: Object.fromEntries(Object.entries(lead.facts).map(([dimension, fact]) => [dimension, fact.value])),
      knockouts: lead.knockouts.map((hit) => hit.id),
      playbookId: lead.playbookId,
      playbookVersion: lead.playbookVersion,
      createdAt: lead.createdAt,
      updatedAt: lead.updatedAt,
    },
    contact: { ...lead.contact },
    context: { ...lead.context },
  };
  if (handoff) {
    payload.handoff = {
      id: handoff.id,
      status: handoff.status,
      reason: handoff.reason,
      sdrName: handoff.sdrName,
      outcome: handoff.outcome,
      outcomeReason: handoff.outcomeReason,
      endReason: handoff.endReason,
      claimedAt: handoff.claimedAt,
      closedAt: handoff.closedAt,
      ...meetingOf(handoff),
    };
  }
  return payload;
}

/** The meeting booked in the chat, when there is one (`handoff.meeting` in the payload). */
export function meetingOf(handoff: HandoffRecord): { meeting?: unknown } {
  const meeting = (handoff.packet as { meeting?: unknown } | null)?.meeting;
  return meeting ? { meeting } : {};
}

/** `lead.qualified` (a decision was taken) or `lead.updated` (e.g. the SDR recorded an outcome). */
export function leadEvent(type: 'lead.qualified' | 'lead.updated', lead: LeadRecord, handoff?: HandoffRecord): CrmEvent {
  return { type, idempotencyKey: leadEventKey(lead), payload: leadPayload(lead, handoff), occurredAt: lead.updatedAt };
}

/**
 * One `person.erased` per erased lead, so the CRM can delete its copy. The email is included only
 * when given (and only leaves if `contact.email` is allowed); the lead id is what the CRM already knows.
 */
export function personErasedEvents(erased: { leadIds: readonly string[]; email?: string }, at = new Date()): CrmEvent[] {
  return erased.leadIds.map((leadId) => ({
    type: 'person.erased',
    idempotencyKey: `${leadId}:erased`,
    payload: { lead: { id: leadId }, ...(erased.email ? { contact: { email: erased.email } } : {}) },
    occurredAt: at.toISOString(),
  }));
}
