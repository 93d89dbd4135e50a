/**
 * In-memory rate limits: one token bucket per key (a conversation, a visitor, a client IP).
 * A bucket holds up to `limit` tokens and refills at `limit` per `windowMs`, so a key gets at most
 * `limit` events in a burst and `limit` per window sustained. Memory is bounded: at most `maxKeys`
 * buckets, the least recently used one is forgotten first (an active flooder is never the oldest).
 * Per instance: behind a load balancer every instance counts on its own.
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

export interface KeyedRateLimiterOptions {
  /** Most keys remembered at once (default 10,000). */
  maxKeys?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  refused: boolean;
}

export const DEFAULT_MAX_KEYS = 10_000;

export class KeyedRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    readonly rate: RateLimit,
    options: KeyedRateLimiterOptions = {},
  ) {
    this.maxKeys = Math.max(1, options.maxKeys ?? DEFAULT_MAX_KEYS);
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.rate.limit > 0;
  }

  /** Keys currently remembered (never more than `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Counts one event for `key`; a refused event is not counted. */
  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true, retryAfterMs: 0, firstRefusal: false };
    const now = this.now();
    const bucket = this.refill(key, now);
    // Re-inserted so Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refused = false;
      return { allowed: true, retryAfterMs: 0, firstRefusal: false };
    }
    const firstRefusal = !bucket.refused;
    bucket.refused = true;
    const perToken = this.rate.windowMs / this.rate.limit;
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((1 - bucket.tokens) * perToken)), firstRefusal };
  }

  /** Tokens left for `key` right now (the limit for an unknown key). */
  remaining(key: string): number {
    if (!this.enabled) return Number.POSITIVE_INFINITY;
    return Math.floor(this.refill(key, this.now()).tokens);
  }

  private refill(key: string, now: number): Bucket {
    const { limit, windowMs } = this.rate;
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: limit, updatedAt: now, refused: false };
    // A clock going backwards must not mint tokens.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(limit, bucket.tokens + (elapsed * limit) / windowMs);
    bucket.updatedAt = Math.max(bucket.updatedAt, now);
    return bucket;
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
