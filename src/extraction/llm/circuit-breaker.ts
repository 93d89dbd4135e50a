/**
 * Stops calling a model that keeps failing, so visitors get the rules extractor's answer at once
 * instead of waiting on a dead service every turn.
 *
 * closed → (N consecutive failures, or one failure reported with `trip`) → open
 * open → (cool-down elapsed) → half-open: exactly one trial call is let through
 * half-open → trial succeeds → closed; trial fails → open for another cool-down.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 3). */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call (default 30 s). */
  coolDownMs?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 3);
    this.coolDownMs = Math.max(0, options.coolDownMs ?? 30_000);
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until a trial call is allowed (0 when closed or half-open). */
  get retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.openedAt + this.coolDownMs - this.now());
  }

  /**
   * Asks permission to call. In half-open only one caller gets it (the trial); every caller that
   * gets `true` must report back with `success`, `failure` or `release`.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  /** `trip: true` opens the circuit at once (used for timeouts: one full wait is all a visitor should get). */
  failure(options: { trip?: boolean } = {}): void {
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.failures += 1;
    if (wasTrial || options.trip || this.failures >= this.failureThreshold) this.openedAt = this.now();
  }

  /** The call ended without telling anything about the service (e.g. the visitor left): no count. */
  release(): void {
    this.trialInFlight = false;
  }
}
