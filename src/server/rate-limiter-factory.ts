import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { counterShapes, FlexibleRateLimiter, HOUR_MS, MINUTE_MS, type Counter, type KeyedRateLimiter, type LimitCounters, type RateLimit } from './rate-limits.js';

/** The keyed limits of one app instance (RATE_LIMIT_*). */
export interface RateLimiters {
  /** Where they count: `memory` (this instance alone) or `postgres` (every instance on DATABASE_URL). */
  store: 'memory' | 'postgres';
  ipRequests: KeyedRateLimiter;
  conversationMessages: KeyedRateLimiter;
  visitorMessages: KeyedRateLimiter;
  widgetConversations: KeyedRateLimiter;
}

/** The table of migration 008, one row per key and counter (`<limit>-<counter>:<key>`). */
export const RATE_LIMIT_TABLE = 'rate_limits';
/** Longer than this, PostgreSQL is taken as unavailable for that event and the memory fallback counts it. */
export const DEFAULT_STORE_TIMEOUT_MS = 500;

export interface RateLimiterStoreOptions {
  /** PostgreSQL's query pool (DATABASE_URL): the limits then hold across instances. Absent: counted in memory. */
  pool?: pg.Pool;
  logger: Pick<Logger, 'warn' | 'error'>;
  storeTimeoutMs?: number;
}

/**
 * The one place the rate limiters are built. On PostgreSQL every counter is a row of `rate_limits`, so requests
 * spread over several instances share one budget. When PostgreSQL fails or is slow, rate-limiter-flexible's
 * insurance counts in this instance's memory instead (the limits then hold per instance, as without a database),
 * with a warning at most once a minute; a request is never refused nor failed because the store is down.
 */
export function createRateLimiters(config: RateLimitConfig, options: RateLimiterStoreOptions): RateLimiters {
  const { pool, logger } = options;
  const timeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  const warnFallback = onceAMinute(() => logger.warn({ table: RATE_LIMIT_TABLE }, 'rate limits: PostgreSQL failed or is slow, counting in memory on this instance'));
  let sweeper = true;
  const counter = (keyPrefix: string, shape: { points: number; duration: number }): Counter => {
    if (!pool) return new RateLimiterMemory({ keyPrefix, ...shape });
    const insuranceLimiter = new LoggedFallback({ keyPrefix, ...shape }, warnFallback);
    // One sweeper of expired rows is enough: every counter shares the table.
    const limiter = new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: sweeper, keyPrefix, ...shape, insuranceLimiter });
    sweeper = false;
    return new RLWrapperTimeouts({ limiter, timeoutMs, insuranceLimiter });
  };
  const limiter = (name: string, rate: RateLimit) => keyedLimiter(name, rate, counter, (error) => logger.error({ err: error, limit: name }, 'rate limit not counted: its store and its fallback failed'));
  return {
    store: pool ? 'postgres' : 'memory',
    ipRequests: limiter('ip', { limit: config.ipRequestsPerMinute, windowMs: MINUTE_MS }),
    conversationMessages: limiter('conversation', { limit: config.messagesPerMinute, windowMs: MINUTE_MS }),
    visitorMessages: limiter('visitor', { limit: config.messagesPerMinute, windowMs: MINUTE_MS }),
    widgetConversations: limiter('widget_session', { limit: config.conversationsPerHour, windowMs: HOUR_MS }),
  };
}

/** A limit of this instance alone, counted in memory. */
export function memoryRateLimiter(rate: RateLimit, name = 'memory'): KeyedRateLimiter {
  return keyedLimiter(name, rate, (keyPrefix, shape) => new RateLimiterMemory({ keyPrefix, ...shape }));
}

function keyedLimiter(name: string, rate: RateLimit, counter: (keyPrefix: string, shape: { points: number; duration: number }) => Counter, onError?: (error: unknown) => void): KeyedRateLimiter {
  if (rate.limit <= 0) return new FlexibleRateLimiter(rate, undefined);
  const shapes = counterShapes(rate);
  const counters: LimitCounters = { steady: counter(`${name}-steady`, shapes.steady), ...(shapes.burst ? { burst: counter(`${name}-burst`, shapes.burst) } : {}) };
  return new FlexibleRateLimiter(rate, counters, onError);
}

/** The memory counter that stands in for PostgreSQL (rate-limiter-flexible's insurance), saying when it does. */
class LoggedFallback extends RateLimiterMemory {
  constructor(
    options: { keyPrefix: string; points: number; duration: number },
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): ReturnType<RateLimiterMemory['consume']> {
    this.onUse();
    return super.consume(...args);
  }
}

function onceAMinute(action: () => void): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    if (now - last < MINUTE_MS) return;
    last = now;
    action();
  };
}
