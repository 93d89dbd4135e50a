import type { Config } from '../config.js';
import { OutboxWorker, WebhookCrmSink, type DeliveryOutcome } from '../crm/index.js';
import type { Logger } from '../logger.js';
import type { Database } from '../storage/ports/database.js';
import { RetentionJob } from './retention-job.js';

/** What runs beside the turns: the CRM outbox delivery (when a CRM is configured) and the retention purge. */
export interface BackgroundWorkers {
  /** Stops both; a CRM delivery in flight gets at most `graceMs`, then is aborted and retried later. */
  stop(graceMs: number): Promise<void>;
}

export function startBackgroundWorkers(options: {
  config: Pick<Config, 'crm' | 'retention'>;
  db: Pick<Database, 'outbox' | 'lifecycle'>;
  logger: Logger;
  /** Told how each CRM delivery attempt went (readiness). */
  onCrmOutcome?: (outcome: DeliveryOutcome) => void;
}): BackgroundWorkers {
  const { config, db, logger } = options;
  const crmWorker = config.crm
    ? new OutboxWorker({
        outbox: db.outbox,
        sink: new WebhookCrmSink({ url: config.crm.webhookUrl, secret: config.crm.secret, fields: config.crm.fields, timeoutMs: config.crm.timeoutMs }),
        logger,
        pollIntervalMs: config.crm.pollIntervalMs,
        baseDelayMs: config.crm.baseDelayMs,
        maxDelayMs: config.crm.maxDelayMs,
        maxAttempts: config.crm.maxAttempts,
        ...(options.onCrmOutcome ? { onOutcome: options.onCrmOutcome } : {}),
      })
    : undefined;
  crmWorker?.start();
  const retention = new RetentionJob(db.lifecycle, config.retention, logger);
  retention.start();
  return {
    async stop(graceMs) {
      retention.stop();
      await crmWorker?.stop(graceMs);
    },
  };
}
