import type { HandoffRecord, HandoffStatus } from '../storage/ports/handoffs.js';
import type { SdrRecord } from '../storage/ports/sdrs.js';
import { asLeadPacket, type LeadPacket } from './lead-packet.js';

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
  /** Who should take it: the least busy SDR when it was queued, kept on the handoff so it does not move. */
  suggestedSdr?: { id: string; name: string };
  /** Who the visitor is, as far as known: what triage lists show and search. */
  visitor: VisitorCard;
  /** The facts' levels, for a summary in the console's own language. */
  levels: Array<{ dimension: string; value: string }>;
  /** False once the visitor closed the page (until they write again). */
  online: boolean;
  /** The meeting booked in the chat (outcome `meeting_booked`). */
  meeting?: { start: string; end: string; calendar: string; joinUrl?: string };
}

/** Name, company and contact as the lists show them; `words` is what the visitor said that triage may search. */
export interface VisitorCard {
  name?: string;
  email?: string;
  phone?: string;
  /** In the visitor's own words. */
  jobTitle?: string;
  company?: string;
  headcount?: number;
  words: string;
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
    visitor: visitorCard(packet),
    levels: (packet.facts ?? []).map((fact) => ({ dimension: fact.dimension, value: fact.value })),
    online: !packet.visitorLeftAt,
  };
  if (packet.locale) summary.locale = packet.locale;
  if (handoff.sdrId) summary.sdrId = handoff.sdrId;
  if (handoff.sdrName) summary.sdrName = handoff.sdrName;
  if (handoff.claimedAt) summary.claimedAt = handoff.claimedAt;
  if (handoff.closedAt) summary.closedAt = handoff.closedAt;
  if (handoff.outcome) summary.outcome = handoff.outcome;
  if (packet.meeting) summary.meeting = { start: packet.meeting.start, end: packet.meeting.end, calendar: packet.meeting.calendar, ...(packet.meeting.joinUrl ? { joinUrl: packet.meeting.joinUrl } : {}) };
  if (handoff.endReason) summary.endReason = handoff.endReason;
  if (packet.callback?.status === 'unreachable') summary.visitorGone = true;
  if (packet.suggestedSdr) summary.suggestedSdr = packet.suggestedSdr;
  return summary;
}

function visitorCard(packet: Partial<LeadPacket>): VisitorCard {
  const company = (packet.facts ?? []).find((fact) => fact.dimension === 'company');
  const card: VisitorCard = { words: (packet.facts ?? []).map((fact) => fact.evidence).join(' · ') };
  if (packet.contact?.name) card.name = packet.contact.name;
  if (packet.contact?.email) card.email = packet.contact.email;
  if (packet.contact?.phone) card.phone = packet.contact.phone;
  if (packet.contact?.jobTitle) card.jobTitle = packet.contact.jobTitle;
  if (company?.sector) card.company = company.sector;
  if (company?.headcount !== undefined) card.headcount = company.headcount;
  return card;
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

type SdrRef = Pick<SdrRecord, 'id' | 'name'>;

/**
 * Least-loaded suggestion: each item without a suggestion of its own goes to the SDR with the fewest
 * live conversations and suggestions (kept ones included), so the queue spreads across the team.
 */
export function suggestAssignments(queue: HandoffSummary[], sdrs: SdrRef[], live: Pick<HandoffRecord, 'sdrId'>[]): HandoffSummary[] {
  if (sdrs.length === 0) return queue;
  const load = loadOf(sdrs, [...live.map((handoff) => handoff.sdrId), ...queue.map((item) => item.suggestedSdr?.id)]);
  return queue.map((item) => {
    if (item.suggestedSdr) return item;
    const best = leastLoaded(sdrs, load);
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
    return { ...item, suggestedSdr: { id: best.id, name: best.name } };
  });
}

/** The SDR a new handoff is suggested to (persisted in its packet): fewest live and suggested handoffs, first listed on a tie. */
export function suggestFor(sdrs: SdrRef[], open: Array<Pick<HandoffRecord, 'status' | 'sdrId' | 'packet'>>): SdrRef | undefined {
  if (sdrs.length === 0) return undefined;
  const holders = open.map((handoff) => (handoff.status === 'live' ? handoff.sdrId : asLeadPacket(handoff.packet).suggestedSdr?.id));
  const best = leastLoaded(sdrs, loadOf(sdrs, holders));
  return { id: best.id, name: best.name };
}

function loadOf(sdrs: SdrRef[], holders: Array<string | undefined>): Map<string, number> {
  const load = new Map(sdrs.map((sdr) => [sdr.id, 0]));
  for (const id of holders) if (id && load.has(id)) load.set(id, (load.get(id) ?? 0) + 1);
  return load;
}

function leastLoaded(sdrs: SdrRef[], load: Map<string, number>): SdrRef {
  let best = sdrs[0]!;
  for (const sdr of sdrs) if ((load.get(sdr.id) ?? 0) < (load.get(best.id) ?? 0)) best = sdr;
  return best;
}
