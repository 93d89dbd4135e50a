/** Retry timing of outbox deliveries. */
export interface BackoffPolicy {
  /** Delay ceiling of the first retry (ms). */
  baseMs: number;
  /** No retry waits longer than this (ms). */
  capMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^(attempt−1))).
 * Full jitter spreads retries of many failed rows, so a recovering CRM is not hit by a synchronized wave.
 * `attempt` is the number of attempts already made (1 after the first failure).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30); // 2^30 already exceeds any sensible cap
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
