import type { Contact, Decision, Fact, KnockoutHit, LlmUsage, Locale, PageContext } from '../../qualification/types.js';

export type LeadStatus = 'qualifying' | 'decided';

/** A lead as stored: what the bot knows about a visitor, plus the decision once taken. */
export interface LeadRecord {
  id: string;
  conversationId: string;
  channel: string;
  locale: Locale;
  status: LeadStatus;
  /** Current fact per dimension id. */
  facts: Record<string, Fact>;
  knockouts: KnockoutHit[];
  decision: Decision | null;
  context: PageContext;
  contact: Contact;
  usage: LlmUsage;
  playbookId: string;
  playbookVersion: string;
  /** When the conversation began (absent on leads stored before the feedback loop). */
  startedAt?: string;
  /** When the route was decided. */
  decidedAt?: string;
  /** Visitor messages read when the lead was stored. */
  visitorMessages?: number;
  /** Starts at 1, +1 on each upsert: the CRM idempotency key is `<id>:<version>`. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What the caller provides to `upsert`; the repository owns version and timestamps. */
export type LeadInput = Omit<LeadRecord, 'version' | 'createdAt' | 'updatedAt'>;

export interface LeadUpsertOptions {
  /** Refuse the write (error code `version_conflict`) unless the stored version is this one (0 = must not exist). */
  expectedVersion?: number;
}

export interface LeadListQuery {
  /** Only leads updated at or after this instant. */
  since?: Date;
  limit?: number;
}

/** Leads. `findByEmail` is case-insensitive. */
export interface LeadRepository {
  /** Creates or replaces the lead with this id; returns the stored record with its new version. */
  upsert(lead: LeadInput, options?: LeadUpsertOptions): Promise<LeadRecord>;
  get(id: string): Promise<LeadRecord | undefined>;
  /** The most recently updated lead of this conversation. */
  getByConversation(conversationId: string): Promise<LeadRecord | undefined>;
  /** Most recently updated first. */
  list(query?: LeadListQuery): Promise<LeadRecord[]>;
  findByEmail(email: string): Promise<LeadRecord[]>;
}
