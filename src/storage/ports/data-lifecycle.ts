import type { ConversationReference } from '../../channels/activity.js';
import type { EnrichmentRecord } from './enrichments.js';
import type { HandoffRecord } from './handoffs.js';
import type { LeadNote, VisitorRating } from './lead-notes.js';
import type { LeadRecord } from './leads.js';
import type { OutboxEntry } from './outbox.js';
import type { TranscriptEntry } from './transcripts.js';

export interface PurgeCutoffs {
  /**
   * Transcripts, conversation state, references and processed-activity ids older than this go; except the
   * reference of a conversation whose handoff an SDR may still act on (queued, live, expired): it is
   * written only when it changes, and SDR messages need it.
   */
  transcripts: Date;
  /** Leads, finished handoffs and delivered/dead outbox entries older than this go. */
  leads: Date;
}

/** Rows removed per kind of data, by a retention purge or an erasure. */
export interface PurgeCounts {
  /** Transcript lines and widget replay-log rows. */
  transcripts: number;
  state: number;
  references: number;
  processed: number;
  leads: number;
  handoffs: number;
  outbox: number;
  /** Company lookups (src/enrichment). */
  enrichments: number;
}

export type EraseTarget = { email: string } | { conversationId: string };

export interface EraseResult {
  conversationIds: string[];
  /** The leads that were erased (e.g. to tell the CRM with a `person.erased` event). */
  leadIds: string[];
  counts: PurgeCounts;
}

/** Everything held about one person (GDPR access request). */
export interface PersonExport {
  email: string;
  exportedAt: string;
  conversationIds: string[];
  leads: LeadRecord[];
  transcripts: TranscriptEntry[];
  handoffs: HandoffRecord[];
  references: Record<string, Partial<ConversationReference>>;
  outbox: OutboxEntry[];
  /** SDRs' internal notes on their leads. */
  notes: LeadNote[];
  ratings: VisitorRating[];
  /** What was looked up about their company from their e-mail domain or website. */
  enrichments: EnrichmentRecord[];
}

/** Retention and data-subject requests. */
export interface DataLifecycle {
  purgeOlderThan(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
  /** Removes, in one transaction, everything about the person's conversations (found through leads and outbox). */
  erasePerson(target: EraseTarget): Promise<EraseResult>;
  exportPerson(email: string): Promise<PersonExport>;
}
