import { RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Rate limits per key (a conversation, a visitor, a client IP), counted by rate-limiter-flexible in memory or in
 * PostgreSQL (src/server/rate-limiter-factory.ts). A key gets `limit` events at once, then one every
 * `windowMs / limit`: like the token bucket this replaced, but made of two fixed-window counters a shared store
 * can keep atomically — a steady one (1 event per `windowMs / limit`) and a burst one (`limit - 1` more events per
 * `windowMs`, used only when the steady one refuses). A flood is held to the steady rate once its burst is spent;
 * over a whole window a key gets at most `2 × limit - 1` events.
 */
export interface RateLimit {
  /** Events allowed per window; 0 = no limit. */
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When refused: milliseconds until one more event would be accepted (0 when allowed). */
  retryAfterMs: number;
  /**
   * When refused: true only for the first refusal since this key's last accepted event, so a
   * flood gets one kind answer, not one per message.
   */
  firstRefusal: boolean;
}

/** What a door asks before letting an event in. */
export interface KeyedRateLimiter {
  readonly rate: RateLimit;
  readonly enabled: boolean;
  /** Counts one event for `key`. Never rejects: a store that fails lets the event in (and says so through `onError`). */
  take(key: string): Promise<RateDecision>;
}

/** A rate-limiter-flexible limiter as this file uses it: resolves under its points, rejects with a RateLimiterRes over them, with an Error when its store fails. */
export interface Counter {
  consume(key: string): Promise<RateLimiterRes>;
}

/** The two counters of one limit; `burst` is absent when the limit is 1. */
export interface LimitCounters {
  steady: Counter;
  burst?: Counter;
}

/** rate-limiter-flexible's options (points, duration in seconds) of the two counters of `rate`. */
export function counterShapes(rate: RateLimit): { steady: { points: number; duration: number }; burst?: { points: number; duration: number } } {
  const steady = { points: 1, duration: rate.windowMs / rate.limit / 1000 };
  return rate.limit > 1 ? { steady, burst: { points: rate.limit - 1, duration: rate.windowMs / 1000 } } : { steady };
}

const ALLOWED: RateDecision = { allowed: true, retryAfterMs: 0, firstRefusal: false };

type Counted = { allowed: boolean; res: RateLimiterRes };

export class FlexibleRateLimiter implements KeyedRateLimiter {
  constructor(
    readonly rate: RateLimit,
    private readonly counters: LimitCounters | undefined,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get enabled(): boolean {
    return this.rate.limit > 0 && this.counters !== undefined;
  }

  async take(key: string): Promise<RateDecision> {
    if (!this.enabled || !this.counters) return ALLOWED;
    const { steady, burst } = this.counters;
    try {
      const first = await count(steady, key);
      if (first.allowed) return ALLOWED;
      const second = burst ? await count(burst, key) : undefined;
      if (second?.allowed) return ALLOWED;
      const waits = [first.res.msBeforeNext, ...(second ? [second.res.msBeforeNext] : [])];
      // The first refusal since an accepted event: the steady counter accepted the one before (its second event
      // now), or the burst counter just ran out (it accepted the one before).
      const firstRefusal = first.res.consumedPoints === 2 || (second !== undefined && second.res.consumedPoints === this.rate.limit);
      return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(Math.min(...waits))), firstRefusal };
    } catch (error) {
      // Only when even the fallback failed: an abuse limit must never take a visitor's request down.
      this.onError(error);
      return ALLOWED;
    }
  }
}

/** One event on one counter. */
async function count(counter: Counter, key: string): Promise<Counted> {
  try {
    return { allowed: true, res: await counter.consume(key) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
    throw rejection;
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
