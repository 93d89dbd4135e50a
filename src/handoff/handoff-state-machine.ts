import type { HandoffPatch, HandoffRecord, HandoffStatus, HandoffTransition } from '../storage/ports/handoffs.js';

/**
 * The handoff lifecycle, as a pure table:
 *
 *   queued ──claim──▶ live ──release──▶ released (the bot takes the conversation back)
 *     │                 └────close────▶ closed   (outcome recorded)
 *     └──expire──▶ expired (nobody came: timeout, outside hours, visitor left) — stays in the queue as a
 *                  callback task that an SDR can still claim (visitor back or still there) or close;
 *                    ├──give-up──▶ closed (the visitor cannot be told and left no contact: visitor gone)
 *                    └──book─────▶ closed (the visitor booked a meeting in the chat: outcome meeting_booked).
 *
 * The machine only says which statuses an event may start from; the repository's atomic
 * compare-and-set applies it, so two SDRs claiming at once → exactly one wins.
 */

/** Why a handoff stopped being (or never became) a live human conversation. */
export const END_REASONS = {
  sdrClosed: 'sdr-closed',
  visitorLeft: 'visitor-left',
  assignmentTimeout: 'assignment-timeout',
  releasedToBot: 'released-to-bot',
  /** Created while nobody works: goes straight to the callback queue. */
  outsideBusinessHours: 'outside-business-hours',
  /** The visitor's channel kept refusing the no-SDR notice and no contact was left: nobody can call back. */
  visitorUnreachable: 'visitor-unreachable',
  /** Nobody could join and the visitor booked a meeting in the chat: closed with the outcome `meeting_booked`. */
  meetingBooked: 'meeting-booked',
} as const;
export type EndReason = (typeof END_REASONS)[keyof typeof END_REASONS];

/** Why a queued handoff expired into a callback task. */
export type ExpiryCause = typeof END_REASONS.assignmentTimeout | typeof END_REASONS.outsideBusinessHours | typeof END_REASONS.visitorLeft;

/** What an SDR records when closing: the feedback the scoring learns from. */
export const CLOSE_OUTCOMES = ['accepted', 'rejected', 'meeting_booked'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export interface SdrIdentity {
  id: string;
  name: string;
}

export type HandoffEvent =
  | { type: 'claim'; sdr: SdrIdentity; at: Date }
  | { type: 'release'; at: Date }
  | { type: 'close'; outcome: CloseOutcome; reason?: string; sdr: SdrIdentity; at: Date }
  | { type: 'expire'; cause: ExpiryCause; at: Date }
  | { type: 'give-up'; at: Date }
  | { type: 'book'; at: Date };

export type HandoffEventType = HandoffEvent['type'];

const TABLE: Record<HandoffEventType, { from: readonly HandoffStatus[]; to: HandoffStatus }> = {
  claim: { from: ['queued', 'expired'], to: 'live' },
  release: { from: ['live'], to: 'released' },
  close: { from: ['queued', 'live', 'expired'], to: 'closed' },
  expire: { from: ['queued'], to: 'expired' },
  'give-up': { from: ['expired'], to: 'closed' },
  book: { from: ['queued', 'expired'], to: 'closed' },
};

/** Statuses no event leaves. */
export const TERMINAL_STATUSES: readonly HandoffStatus[] = ['released', 'closed'];

/** The status after `event`, or undefined when the event is not allowed from `status`. */
export function nextStatus(status: HandoffStatus, event: HandoffEventType): HandoffStatus | undefined {
  const rule = TABLE[event];
  return rule.from.includes(status) ? rule.to : undefined;
}

export function canApply(status: HandoffStatus, event: HandoffEventType): boolean {
  return nextStatus(status, event) !== undefined;
}

/** The compare-and-set to hand to `HandoffRepository.transition`. */
export function planTransition(event: HandoffEvent, extra: HandoffPatch = {}): HandoffTransition {
  const rule = TABLE[event.type];
  return { from: rule.from, to: rule.to, patch: { ...patchFor(event), ...extra } };
}

function patchFor(event: HandoffEvent): HandoffPatch {
  const at = event.at.toISOString();
  switch (event.type) {
    case 'claim':
      return { sdrId: event.sdr.id, sdrName: event.sdr.name, claimedAt: at };
    case 'release':
      return { endReason: END_REASONS.releasedToBot, closedAt: at };
    case 'close':
      // Whoever closes is recorded: for a live handoff it is the holder, for a callback task whoever handled it.
      return { outcome: event.outcome, outcomeReason: event.reason, endReason: END_REASONS.sdrClosed, closedAt: at, sdrId: event.sdr.id, sdrName: event.sdr.name };
    case 'expire':
      return { endReason: event.cause };
    case 'give-up':
      return { endReason: END_REASONS.visitorUnreachable, closedAt: at };
    case 'book':
      return { outcome: 'meeting_booked', endReason: END_REASONS.meetingBooked, closedAt: at };
  }
}

/** True when a queued handoff has waited longer than the assignment timeout (computed from `createdAt`, so it survives restarts). */
export function isAssignmentOverdue(handoff: Pick<HandoffRecord, 'status' | 'createdAt'>, now: Date, timeoutMs: number): boolean {
  return handoff.status === 'queued' && now.getTime() - Date.parse(handoff.createdAt) >= timeoutMs;
}
