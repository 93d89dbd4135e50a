import type pg from 'pg';
import type { BaseLogger } from 'pino';
import type { Storage } from '../../channels/activity.js';
import type { ConversationLock } from './conversation-lock.js';
import type { ConversationReferenceRepository } from './conversation-references.js';
import type { DataLifecycle } from './data-lifecycle.js';
import type { EnrichmentRepository } from './enrichments.js';
import type { EventBus } from './event-bus.js';
import type { FeedbackRepository } from './feedback.js';
import type { HandoffRepository } from './handoffs.js';
import type { InsightsRepository } from './insights.js';
import type { LeadNoteRepository } from './lead-notes.js';
import type { LeadRepository } from './leads.js';
import type { OutboxRepository } from './outbox.js';
import type { ProcessedActivityRepository } from './processed-activities.js';
import type { SdrRepository } from './sdrs.js';
import type { TranscriptRepository } from './transcripts.js';
import type { WidgetActivityRepository } from './widget-history.js';

/**
 * The storage ports: the rest of the app depends only on these interfaces, never on an engine.
 * Two engines implement them (SQLite by default, PostgreSQL when DATABASE_URL is set).
 * Timestamps are ISO-8601 UTC strings everywhere.
 */

/** The logging surface storage needs (a pino logger fits). */
export type StorageLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;


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
  /** Internal notes of SDRs and visitor ratings, per lead. */
  notes: LeadNoteRepository;
  references: ConversationReferenceRepository;
  outbox: OutboxRepository;
  /** What was looked up about visitors' companies (src/enrichment). */
  enrichments: EnrichmentRepository;
  bus: EventBus;
  lock: ConversationLock;
  lifecycle: DataLifecycle;
  /** PostgreSQL only: its query pool, for counters every instance shares (rate limits, src/server/rate-limiter-factory.ts). */
  readonly sharedCountersPool?: pg.Pool;
  /** Throws when the database cannot be reached (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
