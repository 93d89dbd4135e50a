import type { HandoffRecord, HandoffStatus } from '../storage/ports/handoffs.js';
import type { SdrRecord } from '../storage/ports/sdrs.js';
import { asLeadPacket } from './lead-packet.js';

/** What queue lists and SSE queue events show about one handoff. */
export interface HandoffSummary {
  id: string;
  conversationId: string;
  status: HandoffStatus;
  /** True for an expired handoff kept as a callback task. */
  callback: boolean;
  reason: HandoffRecord['reason'];
  score: number;
  tier: HandoffRecord['tier'];
  createdAt: string;
  /** Seconds the visitor waited (still waiting for queued handoffs) before an SDR took over. */
  waitingSeconds: number;
  summary: string;
  locale?: string;
  sdrId?: string;
  sdrName?: string;
  claimedAt?: string;
  closedAt?: string;
  outcome?: string;
  /** Why it stopped being a live conversation (`visitor-unreachable`: the visitor is gone). */
  endReason?: string;
  /** The visitor could not be told nobody was available (their channel kept refusing): gone. */
  visitorGone?: boolean;
  /** Round-robin hint for queued items: the least busy SDR. */
  suggestedSdr?: { id: string; name: string };
}

/** The three lists of the console. Callback tasks (expired) stay in the queue; released ones count as done. */
export const QUEUE_VIEWS = {
  queued: ['queued', 'expired'],
  live: ['live'],
  closed: ['closed', 'released'],
} as const satisfies Record<string, readonly HandoffStatus[]>;
export type QueueView = keyof typeof QUEUE_VIEWS;

export function toSummary(handoff: HandoffRecord, now: Date): HandoffSummary {
  const packet = asLeadPacket(handoff.packet);
  const waitedUntil = handoff.claimedAt ?? (handoff.status === 'queued' || handoff.status === 'expired' ? now.toISOString() : handoff.closedAt ?? handoff.updatedAt);
  const summary: HandoffSummary = {
    id: handoff.id,
    conversationId: handoff.conversationId,
    status: handoff.status,
    callback: handoff.status === 'expired',
    reason: handoff.reason,
    score: handoff.score,
    tier: handoff.tier,
    createdAt: handoff.createdAt,
    waitingSeconds: Math.max(0, Math.round((Date.parse(waitedUntil) - Date.parse(handoff.createdAt)) / 1000)),
    summary: packet.summary ?? '',
  };
  if (packet.locale) summary.locale = packet.locale;
  if (handoff.sdrId) summary.sdrId = handoff.sdrId;
  if (handoff.sdrName) summary.sdrName = handoff.sdrName;
  if (handoff.claimedAt) summary.claimedAt = handoff.claimedAt;
  if (handoff.closedAt) summary.closedAt = handoff.closedAt;
  if (handoff.outcome) summary.outcome = handoff.outcome;
  if (handoff.endReason) summary.endReason = handoff.endReason;
  if (packet.callback?.status === 'unreachable') summary.visitorGone = true;
  return summary;
}

/**
 * Queue order: visitors still waiting before callback tasks; within each, highest score first,
 * then whoever has waited longest.
 */
export function compareQueued(a: HandoffSummary, b: HandoffSummary): number {
  return Number(a.callback) - Number(b.callback) || b.score - a.score || b.waitingSeconds - a.waitingSeconds || a.id.localeCompare(b.id);
}

/** Most recent first, for the live and closed lists. */
export function compareRecent(a: HandoffSummary, b: HandoffSummary): number {
  return (b.claimedAt ?? b.createdAt).localeCompare(a.claimedAt ?? a.createdAt);
}

/**
 * Round-robin suggestion: walks the sorted queue and gives each item to the SDR with the fewest
 * live conversations, counting the suggestions already made, so the queue spreads across the team.
 */
export function suggestAssignments(queue: HandoffSummary[], sdrs: Pick<SdrRecord, 'id' | 'name'>[], live: Pick<HandoffRecord, 'sdrId'>[]): HandoffSummary[] {
  if (sdrs.length === 0) return queue;
  const load = new Map(sdrs.map((sdr) => [sdr.id, 0]));
  for (const handoff of live) if (handoff.sdrId && load.has(handoff.sdrId)) load.set(handoff.sdrId, (load.get(handoff.sdrId) ?? 0) + 1);
  return queue.map((item) => {
    let best = sdrs[0]!;
    for (const sdr of sdrs) if ((load.get(sdr.id) ?? 0) < (load.get(best.id) ?? 0)) best = sdr;
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
    return { ...item, suggestedSdr: { id: best.id, name: best.name } };
  });
}
