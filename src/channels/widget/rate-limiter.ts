/**
 * A sliding one-minute window: at most `limit` messages in any 60 seconds.
 * Exact and cheap (one timestamp per allowed message, at most `limit` of them).
 */
export class SlidingWindowRateLimiter {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message; false when it would exceed the limit (the message is then refused, not counted). */
  tryTake(): boolean {
    const now = this.now();
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length >= this.limit) return false;
    this.stamps.push(now);
    return true;
  }

  /** How long until one more message would be accepted. */
  retryAfterMs(): number {
    const oldest = this.stamps[0];
    if (oldest === undefined || this.stamps.length < this.limit) return 0;
    return Math.max(0, oldest + this.windowMs - this.now());
  }
}
