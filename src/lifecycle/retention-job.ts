import type { Logger } from '../logger.js';
import type { DataLifecycle } from '../storage/index.js';

export interface RetentionPolicy {
  transcriptDays: number;
  leadDays: number;
  intervalMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Purges transcripts and leads older than the retention periods, at start-up and then periodically. */
export class RetentionJob {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly lifecycle: DataLifecycle,
    private readonly policy: RetentionPolicy,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.policy.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async runOnce(): Promise<void> {
    const now = this.now().getTime();
    try {
      const counts = await this.lifecycle.purgeOlderThan({
        transcripts: new Date(now - this.policy.transcriptDays * DAY_MS),
        leads: new Date(now - this.policy.leadDays * DAY_MS),
      });
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if (total > 0) this.logger.info({ counts }, 'retention purge');
    } catch (error) {
      this.logger.error({ err: error }, 'retention purge failed; will retry at the next interval');
    }
  }
}
