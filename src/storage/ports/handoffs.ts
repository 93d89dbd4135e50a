import type { HandoffReason, Tier } from '../../qualification/types.js';

export const HANDOFF_STATUSES = ['queued', 'live', 'closed', 'expired', 'released'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
/** Statuses in which a handoff still needs (or has) an SDR. */
export const OPEN_HANDOFF_STATUSES: readonly HandoffStatus[] = ['queued', 'live'];

/** A request for a human (SDR) to take over a conversation. */
export interface HandoffRecord {
  id: string;
  conversationId: string;
  leadId: string;
  status: HandoffStatus;
  reason: HandoffReason;
  score: number;
  tier: Tier;
  /** What the SDR sees: summary, facts, transcript excerpt... (JSON). */
  packet: unknown;
  sdrId?: string;
  sdrName?: string;
  outcome?: string;
  outcomeReason?: string;
  endReason?: string;
  createdAt: string;
  claimedAt?: string;
  closedAt?: string;
  updatedAt: string;
}

export type HandoffInput = Pick<HandoffRecord, 'id' | 'conversationId' | 'leadId' | 'reason' | 'score' | 'tier' | 'packet'> & {
  /** Defaults to `queued`. */
  status?: HandoffStatus;
};

type PatchableHandoffField = 'sdrId' | 'sdrName' | 'outcome' | 'outcomeReason' | 'endReason' | 'claimedAt' | 'closedAt' | 'packet';

/** Fields a transition may change besides the status; `null` clears one (e.g. the SDR of a released handoff). */
export type HandoffPatch = { [K in PatchableHandoffField]?: HandoffRecord[K] | null };

export interface HandoffTransition {
  /** The transition happens only when the current status is one of these. */
  from: readonly HandoffStatus[];
  to: HandoffStatus;
  patch?: HandoffPatch;
}

export interface HandoffListQuery {
  status?: HandoffStatus | readonly HandoffStatus[];
  conversationId?: string;
}

/** Handoffs. `transition` is an atomic compare-and-set, so two SDRs claiming at once → exactly one wins. */
export interface HandoffRepository {
  create(input: HandoffInput): Promise<HandoffRecord>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The most recent queued or live handoff of this conversation. */
  getOpenByConversation(conversationId: string): Promise<HandoffRecord | undefined>;
  /** Oldest first. */
  list(query?: HandoffListQuery): Promise<HandoffRecord[]>;
  /** Queued handoffs other than `handoff` scoring at least as high: the visitors served before it (a count, not a list). */
  countQueuedAhead(handoff: Pick<HandoffRecord, 'id' | 'score'>): Promise<number>;
  /** Returns the updated record, or undefined when the current status is not in `from` (or the id is unknown). */
  transition(id: string, transition: HandoffTransition): Promise<HandoffRecord | undefined>;
}
