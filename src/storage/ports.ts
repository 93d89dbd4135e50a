import type { BaseLogger } from 'pino';
import type { Activity, ConversationReference, Storage } from 'botbuilder';
import type {
  Contact,
  Decision,
  Fact,
  HandoffReason,
  KnockoutHit,
  LlmUsage,
  Locale,
  PageContext,
  Tier,
} from '../qualification/types.js';

/**
 * The storage ports: the rest of the app depends only on these interfaces, never on an engine.
 * Two engines implement them (SQLite by default, PostgreSQL when DATABASE_URL is set).
 * Timestamps are ISO-8601 UTC strings everywhere.
 */

/** The logging surface storage needs (a pino logger fits). */
export type StorageLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

// ---------------------------------------------------------------- transcripts

export type TranscriptSender = 'visitor' | 'bot' | 'sdr';

/** One line of a conversation as it was shown. */
export interface TranscriptEntry {
  conversationId: string;
  from: TranscriptSender;
  text: string;
  /** ISO timestamp of the message. */
  at: string;
  /** Channel activity id, when the message came from (or went to) the channel. */
  activityId?: string;
  /** Display name of the author (the SDR's name for `sdr` lines). */
  author?: string;
}

/** Conversation transcripts, kept for the SDR packet and for export/erasure. */
export interface TranscriptRepository {
  /** Idempotent per (conversation, sender, activityId): a redelivered activity is recorded once. */
  append(entry: TranscriptEntry): Promise<void>;
  /** Several lines in one write (all or none), in this order; each idempotent as with `append`. */
  appendMany(entries: readonly TranscriptEntry[]): Promise<void>;
  /** Oldest first (by `at`, then insertion order). */
  list(conversationId: string): Promise<TranscriptEntry[]>;
  /** Returns how many lines were removed. */
  deleteConversation(conversationId: string): Promise<number>;
}

// ---------------------------------------------------------------- widget history

/** One activity of a widget conversation's replay log, with its per-conversation sequence number. */
export interface WidgetActivityRecord {
  /** 1, 2, 3… per conversation. */
  seq: number;
  /** The activity as it was shown (JSON round trip: dates come back as ISO strings). */
  activity: Partial<Activity>;
}

/**
 * The website widget's replay log: what a reload, a second tab or a reconnect (on any instance,
 * after any restart) must see again. Rows go with the conversation's transcript (erasure, retention).
 */
export interface WidgetActivityRepository {
  /** Stores the activity and returns its sequence number: strictly increasing per conversation, even across instances. */
  append(conversationId: string, activity: Partial<Activity>): Promise<number>;
  /** Activities with `seq > afterSeq`, oldest first (empty for an unknown conversation). */
  since(conversationId: string, afterSeq: number): Promise<WidgetActivityRecord[]>;
}

// ---------------------------------------------------------------- dedupe

/**
 * Dedupe of events handled outside a visitor turn (Slack events, SDR desk actions, SDR notifications):
 * the same one is handled once, even across processes. Visitor turns are deduplicated in the bot state instead.
 */
export interface ProcessedActivityRepository {
  /** True only the first time this (conversation, activity) pair is claimed; atomic (unique key). */
  claim(conversationId: string, activityId: string): Promise<boolean>;
}

// ---------------------------------------------------------------- leads

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

// ---------------------------------------------------------------- handoffs

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
  /** Returns the updated record, or undefined when the current status is not in `from` (or the id is unknown). */
  transition(id: string, transition: HandoffTransition): Promise<HandoffRecord | undefined>;
}

// ---------------------------------------------------------------- SDRs

export const SDR_ROLES = ['admin', 'manager'] as const;
/** Every account is an SDR; these roles add rights (reading the insights). */
export type SdrRole = (typeof SDR_ROLES)[number];

/** A sales development rep who can take over conversations. Emails are stored lower-cased and unique. */
export interface SdrRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: SdrRole[];
  createdAt: string;
}

export type SdrInput = Omit<SdrRecord, 'createdAt' | 'roles'> & { roles?: SdrRole[] };

export interface SdrRepository {
  /** Throws a `StorageConflictError` (code `conflict`) when the email is taken. */
  add(input: SdrInput): Promise<SdrRecord>;
  list(): Promise<SdrRecord[]>;
  /** True when something was removed. */
  remove(id: string): Promise<boolean>;
  findByEmail(email: string): Promise<SdrRecord | undefined>;
  get(id: string): Promise<SdrRecord | undefined>;
}

// ---------------------------------------------------------------- sales feedback (verdicts, corrections, CRM outcomes)

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

// ---------------------------------------------------------------- insights (funnel dashboard)

/** Which leads the figures cover: started in [from, to), and the optional equalities. */
export interface InsightsFilter {
  from: Date;
  to: Date;
  playbookVersion?: string;
  channel?: string;
  locale?: string;
  utmSource?: string;
}

/** One row of a chart's table: a label and named numbers (null when there is nothing to divide). */
export type InsightsRow = Record<string, string | number | null>;

/** Aggregates over indexed columns, the same SQL (up to dialect) on both engines. */
export interface InsightsRepository {
  funnel(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Per day (periods up to 62 days) or per month: leads by route, and those with a knockout. */
  routesOverTime(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Judged handoffs per score band of 10: accepted, rejected, acceptance rate. */
  calibration(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Judged handoffs per (dimension, level): accepted, rejected, rate. */
  dimensionLevels(filter: InsightsFilter): Promise<InsightsRow[]>;
  rejectionReasons(filter: InsightsFilter): Promise<InsightsRow[]>;
  missingSignals(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Per dimension: corrections, and judged leads it could have been corrected on. */
  corrections(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** One row per measure: count and average. */
  timings(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** The values the filters can take in this period (for the page's selects). */
  filterOptions(period: Pick<InsightsFilter, 'from' | 'to'>): Promise<Record<'playbookVersion' | 'channel' | 'locale' | 'utmSource', string[]>>;
}

// ---------------------------------------------------------------- conversation references

/** Conversation references for proactive messages (`continueConversationAsync`). */
export interface ConversationReferenceRepository {
  save(conversationId: string, reference: Partial<ConversationReference>): Promise<void>;
  get(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
}

// ---------------------------------------------------------------- outbox

export type OutboxStatus = 'pending' | 'in_flight' | 'delivered' | 'dead';

/** One message waiting to leave (or that left) for an external system. */
export interface OutboxEntry {
  id: number;
  type: string;
  idempotencyKey: string;
  payload: unknown;
  status: OutboxStatus;
  /** Delivery attempts started so far (incremented when claimed). */
  attempts: number;
  nextAttemptAt: string;
  claimedAt?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

export interface OutboxMessage {
  type: string;
  /** A second enqueue with the same key is ignored. */
  idempotencyKey: string;
  payload: unknown;
  /** Not before this instant (default: now). */
  availableAt?: Date;
}

export interface EnqueueResult {
  entry: OutboxEntry;
  /** False when the idempotency key was already queued (the existing entry is returned). */
  created: boolean;
}

/** Default lease of an in-flight outbox row: longer than any webhook timeout, short enough to recover from a crash. */
export const DEFAULT_OUTBOX_LEASE_MS = 5 * 60_000;

export interface ClaimOptions {
  /** An in-flight row whose claim is older than this (default 5 min) is considered abandoned (crashed worker) and claimable again. */
  leaseMs?: number;
}

/** Who an outbox entry is about: entries are matched on the `email` / `conversationId` found in their payload. */
export interface OutboxSubject {
  email?: string;
  conversationId?: string;
}

/** Transactional outbox: at-least-once delivery with an idempotency key for the receiver. */
export interface OutboxRepository {
  enqueue(message: OutboxMessage): Promise<EnqueueResult>;
  /** Due pending rows (oldest due first), marked in-flight so two workers never get the same row. */
  claimDue(now: Date, limit: number, options?: ClaimOptions): Promise<OutboxEntry[]>;
  markDelivered(id: number): Promise<void>;
  /** Back to pending, to be retried at `nextAttemptAt`. */
  markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Dead letter: not retried until `requeue`. */
  markDead(id: number, error: string): Promise<void>;
  listDead(): Promise<OutboxEntry[]>;
  /** Gives a dead (or any undelivered) row a fresh start: pending, 0 attempts, due now. False when nothing changed. */
  requeue(id: number): Promise<boolean>;
  /** Count of rows not yet delivered nor dead (pending + in flight). */
  backlog(): Promise<number>;
  get(id: number): Promise<OutboxEntry | undefined>;
  /** Entries whose payload names this email (case-insensitive) or conversation. */
  listAbout(subject: OutboxSubject): Promise<OutboxEntry[]>;
  /** Removes the entries whose payload names this email or conversation; returns the count. */
  deleteWhere(subject: OutboxSubject): Promise<number>;
}

// ---------------------------------------------------------------- event bus

export type BusHandler = (payload: unknown) => void | Promise<void>;
export type Unsubscribe = () => Promise<void>;

/**
 * Live relay across instances (e.g. an SDR typing on instance A, the visitor connected to instance B).
 * Every subscriber of every instance receives each message, the publisher's own instance included.
 * Delivery is asynchronous and best effort (not durable): use the outbox for what must arrive.
 */
export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is active, so a message published afterwards is received. */
  subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe>;
}

// ---------------------------------------------------------------- locking

/**
 * Serialises the turns of one conversation. The SQLite engine locks in-process;
 * the PostgreSQL engine adds `pg_advisory_xact_lock`, so it also holds across processes.
 */
export interface ConversationLock {
  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------- data lifecycle

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
}

/** Retention and data-subject requests. */
export interface DataLifecycle {
  purgeOlderThan(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;
  /** Removes, in one transaction, everything about the person's conversations (found through leads and outbox). */
  erasePerson(target: EraseTarget): Promise<EraseResult>;
  exportPerson(email: string): Promise<PersonExport>;
}

// ---------------------------------------------------------------- aggregate

export type StorageEngine = 'sqlite' | 'postgres';

/** The whole storage layer, as `openDatabase` returns it. */
export interface Database {
  readonly engine: StorageEngine;
  /** botbuilder `Storage` with real eTags: a write with a stale eTag throws `EtagConflictError`. */
  state: Storage;
  transcripts: TranscriptRepository;
  widgetActivities: WidgetActivityRepository;
  processed: ProcessedActivityRepository;
  leads: LeadRepository;
  handoffs: HandoffRepository;
  sdrs: SdrRepository;
  feedback: FeedbackRepository;
  insights: InsightsRepository;
  references: ConversationReferenceRepository;
  outbox: OutboxRepository;
  bus: EventBus;
  lock: ConversationLock;
  lifecycle: DataLifecycle;
  /** Throws when the database cannot be reached (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
