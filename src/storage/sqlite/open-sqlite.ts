import BetterSqlite3 from 'better-sqlite3';
import { InProcessConversationLock } from '../keyed-lock.js';
import { MemoryEventBus } from '../memory-event-bus.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { Database, StorageLogger } from '../ports/database.js';
import { SqliteConversationReferenceRepository } from './sqlite-references.js';
import { SqliteDataLifecycle } from './sqlite-lifecycle.js';
import { SqliteHandoffRepository } from './sqlite-handoffs.js';
import { SqliteLeadRepository } from './sqlite-leads.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { SqliteOutboxRepository } from './sqlite-outbox.js';
import { SqliteProcessedActivityRepository } from './sqlite-processed.js';
import { SqliteSdrRepository } from './sqlite-sdrs.js';
import { SqliteEnrichmentRepository } from './sqlite-enrichments.js';
import { SqliteStateStorage } from './sqlite-state-storage.js';
import { SqliteTranscriptRepository } from './sqlite-transcripts.js';
import { SqliteWidgetActivityRepository } from './sqlite-widget-activities.js';
import { SqliteSqlRunner } from './sqlite-sql-runner.js';
import { SqlFeedbackRepository } from '../sql-feedback.js';
import { SqlInsightsRepository } from '../sql-insights.js';
import { SqlLeadNoteRepository } from '../sql-lead-notes.js';

export interface SqliteOptions {
  /** A file path, or `:memory:`. */
  filename: string;
  logger?: StorageLogger;
  /** How long a writer waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) and migrates the SQLite database. One process per file is the intended
 * deployment: the event bus and the conversation lock are in-process.
 */
export function openSqliteDatabase(options: SqliteOptions): Database {
  const db = new BetterSqlite3(options.filename);
  try {
    if (options.filename !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('foreign_keys = ON');
    // WAL + NORMAL: durable across a process crash, fast enough for a chat workload.
    db.pragma('synchronous = NORMAL');
    const applied = migrateSqlite(db, MIGRATIONS);
    if (applied.length) options.logger?.info({ applied, filename: options.filename }, 'sqlite migrations applied');
  } catch (error) {
    db.close();
    throw error;
  }

  const transcripts = new SqliteTranscriptRepository(db);
  const leads = new SqliteLeadRepository(db);
  const handoffs = new SqliteHandoffRepository(db);
  const references = new SqliteConversationReferenceRepository(db);
  const outbox = new SqliteOutboxRepository(db);
  const enrichments = new SqliteEnrichmentRepository(db);
  const sql = new SqliteSqlRunner(db);
  const notes = new SqlLeadNoteRepository(sql);
  const bus = new MemoryEventBus(options.logger);
  return {
    engine: 'sqlite',
    state: new SqliteStateStorage(db),
    transcripts,
    widgetActivities: new SqliteWidgetActivityRepository(db),
    processed: new SqliteProcessedActivityRepository(db),
    leads,
    handoffs,
    sdrs: new SqliteSdrRepository(db),
    feedback: new SqlFeedbackRepository(sql),
    insights: new SqlInsightsRepository(sql),
    notes,
    references,
    outbox,
    enrichments,
    bus,
    lock: new InProcessConversationLock(),
    lifecycle: new SqliteDataLifecycle(db, { leads, transcripts, handoffs, references, outbox, notes, enrichments }),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      bus.close();
      if (db.open) db.close();
    },
  };
}
