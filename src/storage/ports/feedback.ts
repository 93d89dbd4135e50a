import type { LeadRecord } from './leads.js';

export const VERDICTS = ['accepted', 'rejected'] as const;
/** The SDR's verdict on a handed-off lead: a sales-qualified lead (SQL) or not. */
export type Verdict = (typeof VERDICTS)[number];
/** Where the SDR gave it. */
export type VerdictVia = 'console' | 'slack' | 'teams' | 'api';

/** "The extractor read `extracted`, the right level is `corrected`" (level ids of the playbook). */
export interface FactCorrection {
  dimension: string;
  extracted?: string;
  corrected: string;
}

/** What the SDR said about one handoff when closing it. */
export interface VerdictRecord {
  handoffId: string;
  leadId: string;
  conversationId: string;
  verdict: Verdict;
  /** The close outcome it came with (`meeting_booked` is an accepted verdict). */
  outcome: string;
  /** A rejection reason id of the playbook (rejected verdicts). */
  reasonId?: string;
  note?: string;
  /** Dimensions whose signal was missing for a good decision. */
  missingSignals: string[];
  corrections: FactCorrection[];
  sdrId?: string;
  sdrName?: string;
  via: VerdictVia;
  decidedAt: string;
}

export const CRM_OUTCOME_KINDS = ['meeting_held', 'opportunity_created', 'won', 'lost'] as const;
export type CrmOutcomeKind = (typeof CRM_OUTCOME_KINDS)[number];

/** What the CRM reported later about a lead; `eventId` is the CRM's own id, unique. */
export interface CrmOutcomeRecord {
  eventId: string;
  leadId: string;
  kind: CrmOutcomeKind;
  occurredAt: string;
  amount?: number;
  currency?: string;
  reason?: string;
  receivedAt: string;
}

export type CrmOutcomeInput = Omit<CrmOutcomeRecord, 'receivedAt'>;

/** A lead with everything sales said about it: one labelled example. */
export interface LabelledLead {
  lead: LeadRecord;
  verdict: VerdictRecord;
  outcomes: CrmOutcomeRecord[];
}

export interface LabelledLeadQuery {
  /** Verdicts given at or after this instant. */
  since?: Date;
  until?: Date;
  playbookId?: string;
  limit?: number;
}

/**
 * The sales feedback, as labelled data. The narrow port later features (replay against verdicts,
 * calibration) read through: `labelled` gives each judged lead with its facts, verdict, corrections and outcomes.
 */
export interface FeedbackRepository {
  /** Once per handoff: a second verdict for the same handoff is ignored (`created` false, the first one returned). */
  recordVerdict(verdict: VerdictRecord): Promise<{ verdict: VerdictRecord; created: boolean }>;
  verdictOf(handoffId: string): Promise<VerdictRecord | undefined>;
  /** Once per event id: a repeated event is ignored (`created` false). */
  recordOutcome(outcome: CrmOutcomeInput, receivedAt: Date): Promise<{ created: boolean }>;
  outcomesOf(leadId: string): Promise<CrmOutcomeRecord[]>;
  /** Judged leads, oldest verdict first. */
  labelled(query?: LabelledLeadQuery): Promise<LabelledLead[]>;
}
