import pg from 'pg';
import { MIGRATIONS } from '../migrations/index.js';
import type { Database, StorageLogger } from '../ports/database.js';
import { PgConversationLock } from './pg-conversation-lock.js';
import { PgConversationReferenceRepository } from './pg-references.js';
import { PgDataLifecycle } from './pg-lifecycle.js';
import { PgEventBus } from './pg-event-bus.js';
import { PgHandoffRepository } from './pg-handoffs.js';
import { PgLeadRepository } from './pg-leads.js';
import { migratePostgres } from './pg-migrate.js';
import { PgOutboxRepository } from './pg-outbox.js';
import { PgProcessedActivityRepository } from './pg-processed.js';
import { PgSdrRepository } from './pg-sdrs.js';
import { PgEnrichmentRepository } from './pg-enrichments.js';
import { PgStateStorage } from './pg-state-storage.js';
import { PgTranscriptRepository } from './pg-transcripts.js';
import { PgWidgetActivityRepository } from './pg-widget-activities.js';
import { PgSqlRunner } from './pg-sql-runner.js';
import { SqlFeedbackRepository } from '../sql-feedback.js';
import { SqlInsightsRepository } from '../sql-insights.js';
import { SqlLeadNoteRepository } from '../sql-lead-notes.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  logger?: StorageLogger;
  /** Connections for queries (default 10); conversation locks are leases taken through it (none held during a turn). */
  poolSize?: number;
}

/** Connects, migrates (serialised across instances) and returns the PostgreSQL engine. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const { url, logger } = options;
  const onIdleError = (error: Error) => logger?.error({ err: error }, 'postgres idle connection error');
  // Without an 'error' listener, a dropped idle connection would crash the process.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', onIdleError);

  try {
    const applied = await migratePostgres(pool, MIGRATIONS);
    if (applied.length) logger?.info({ applied }, 'postgres migrations applied');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  const transcripts = new PgTranscriptRepository(pool);
  const leads = new PgLeadRepository(pool);
  const handoffs = new PgHandoffRepository(pool);
  const references = new PgConversationReferenceRepository(pool);
  const outbox = new PgOutboxRepository(pool);
  const enrichments = new PgEnrichmentRepository(pool);
  const sql = new PgSqlRunner(pool);
  const notes = new SqlLeadNoteRepository(sql);
  const bus = new PgEventBus({ pool, connection: { connectionString: url }, logger });
  let closing: Promise<void> | undefined;
  return {
    engine: 'postgres',
    state: new PgStateStorage(pool),
    transcripts,
    widgetActivities: new PgWidgetActivityRepository(pool),
    processed: new PgProcessedActivityRepository(pool),
    leads,
    handoffs,
    sdrs: new PgSdrRepository(pool),
    feedback: new SqlFeedbackRepository(sql),
    insights: new SqlInsightsRepository(sql),
    notes,
    references,
    outbox,
    enrichments,
    bus,
    lock: new PgConversationLock({
      pool,
      onLeaseError: (error, key) => logger?.warn({ err: error, key }, 'conversation lease not renewed or released (it expires by itself)'),
    }),
    lifecycle: new PgDataLifecycle(pool, { leads, transcripts, handoffs, references, outbox, notes, enrichments }),
    sharedCountersPool: pool,
    async ping() {
      await pool.query('SELECT 1');
    },
    close() {
      closing ??= (async () => {
        await bus.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
