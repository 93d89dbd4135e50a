import type { Logger } from '../logger.js';
import type { HandoffService } from './handoff-service.js';

/**
 * Periodically expires handoffs nobody claimed in time. It reads `createdAt` from the database
 * rather than keeping timers, so a restart (or another instance) picks up where it left off.
 */
export class AssignmentSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly service: Pick<HandoffService, 'sweep'>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; overlapping ticks are skipped. */
  tick(): Promise<void> {
    this.running ??= this.service
      .sweep()
      .then((expired) => {
        if (expired > 0) this.logger.info({ expired }, 'handoffs expired after the assignment timeout');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'handoff sweep failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
