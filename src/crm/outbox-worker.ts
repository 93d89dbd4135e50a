import type { StorageLogger } from '../storage/ports/database.js';
import type { OutboxEntry, OutboxRepository } from '../storage/ports/outbox.js';
import { backoffDelay } from './backoff.js';
import { crmEventFromOutbox } from './crm-outbox.js';
import { CrmDeliveryError, type CrmSink } from './crm-sink.js';

export interface OutboxWorkerOptions {
  outbox: OutboxRepository;
  sink: CrmSink;
  logger?: StorageLogger;
  /** Rows claimed per round (default 10). */
  batchSize?: number;
  /** Pause between rounds when the outbox is drained (default 1 s). */
  pollIntervalMs?: number;
  /** Backoff ceiling of the first retry (default 2 s). */
  baseDelayMs?: number;
  /** Longest wait between two attempts (default 15 min). */
  maxDelayMs?: number;
  /** Attempts before a retryable failure is dead-lettered (default 8). */
  maxAttempts?: number;
  /** Attempts before a permanent failure (a 4xx) is dead-lettered (default 2: one retry, in case it was transient). */
  maxPermanentAttempts?: number;
  /** How long a claimed row may stay in flight before another worker takes it over (default: the outbox's). */
  leaseMs?: number;
  /** Called after each delivery attempt, e.g. to count outcomes in metrics. */
  onOutcome?: (outcome: DeliveryOutcome) => void;
  now?: () => Date;
  random?: () => number;
}

export interface DeliveryOutcome {
  entry: OutboxEntry;
  result: 'delivered' | 'retry' | 'dead';
  error?: string;
  nextAttemptAt?: Date;
}

export interface RoundSummary {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
}

/**
 * Drains the outbox into the CRM sink: claims due rows, delivers them in order, retries failures with
 * exponential backoff and full jitter, and dead-letters after the attempt bound. At-least-once: the
 * receiver dedupes on `Idempotency-Key`. Several workers (instances) may run at once; the outbox claim
 * keeps them off each other's rows.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<RoundSummary>;
  private started = false;
  /** Aborts the delivery in flight when a stop's grace period runs out (the row is retried later). */
  private abort = new AbortController();

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** One round: claim a batch, deliver each row, record the outcome. */
  async runOnce(): Promise<RoundSummary> {
    const { outbox, batchSize = 10, leaseMs } = this.options;
    const entries = await outbox.claimDue(this.now(), batchSize, leaseMs === undefined ? {} : { leaseMs });
    const summary: RoundSummary = { claimed: entries.length, delivered: 0, retried: 0, dead: 0 };
    // In order, one at a time: lead.qualified reaches the CRM before the lead.updated that follows it.
    for (const [index, entry] of entries.entries()) {
      // A stop past its grace period: the rows not tried yet go back (their lease lapses), untouched.
      if (this.abort.signal.aborted) {
        summary.claimed = index;
        break;
      }
      const outcome = await this.deliver(entry);
      summary[outcome.result === 'delivered' ? 'delivered' : outcome.result === 'retry' ? 'retried' : 'dead']++;
      this.options.onOutcome?.(outcome);
    }
    return summary;
  }

  /** Polls until `stop()`; a full batch is followed at once by the next round. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const loop = async () => {
      if (!this.started) return;
      let summary: RoundSummary | undefined;
      try {
        this.running = this.runOnce();
        summary = await this.running;
      } catch (error) {
        this.options.logger?.error({ err: error }, 'outbox round failed');
      } finally {
        this.running = undefined;
      }
      if (!this.started) return;
      const full = summary !== undefined && summary.claimed >= (this.options.batchSize ?? 10);
      this.timer = setTimeout(() => void loop(), full ? 0 : (this.options.pollIntervalMs ?? 1000));
    };
    void loop();
  }

  /**
   * Stops polling and waits for the round in progress; past `graceMs`, the delivery in flight is aborted and
   * recorded as a failure to retry (its row is never lost: at worst it is sent again, deduplicated by its key).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    const timer = setTimeout(() => this.abort.abort(), graceMs);
    try {
      await this.running?.catch(() => undefined);
    } finally {
      clearTimeout(timer);
      this.abort = new AbortController();
    }
  }

  private async deliver(entry: OutboxEntry): Promise<DeliveryOutcome> {
    const { outbox, sink, logger } = this.options;
    try {
      await sink.deliver(crmEventFromOutbox(entry), this.abort.signal);
      await outbox.markDelivered(entry.id);
      return { entry, result: 'delivered' };
    } catch (error) {
      const failure = error instanceof CrmDeliveryError ? error : undefined;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const retryable = failure?.retryable ?? true;
      const bound = retryable ? (this.options.maxAttempts ?? 8) : Math.min(this.options.maxPermanentAttempts ?? 2, this.options.maxAttempts ?? 8);
      if (entry.attempts >= bound) {
        await outbox.markDead(entry.id, message);
        logger?.error({ outboxId: entry.id, type: entry.type, attempts: entry.attempts, error: message }, 'outbox entry dead-lettered');
        return { entry, result: 'dead', error: message };
      }
      const nextAttemptAt = new Date(this.now().getTime() + this.retryDelay(entry.attempts, failure?.retryAfterMs));
      await outbox.markFailed(entry.id, message, nextAttemptAt);
      logger?.warn({ outboxId: entry.id, type: entry.type, attempts: entry.attempts, error: message, nextAttemptAt }, 'outbox delivery failed; will retry');
      return { entry, result: 'retry', error: message, nextAttemptAt };
    }
  }

  /** Backoff with full jitter, but never sooner than the CRM's Retry-After (both capped). */
  private retryDelay(attempts: number, retryAfterMs?: number): number {
    const policy = { baseMs: this.options.baseDelayMs ?? 2000, capMs: this.options.maxDelayMs ?? 15 * 60_000 };
    const jittered = backoffDelay(attempts, policy, this.options.random);
    return Math.min(policy.capMs, Math.max(jittered, retryAfterMs ?? 0));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
