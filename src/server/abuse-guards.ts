import { Counter, type Registry } from 'prom-client';
import type { RateLimitConfig } from '../config.js';
import { LlmCallBudget } from '../extraction/llm-call-budget.js';
import { createRateLimiters, type RateLimiterStoreOptions } from './rate-limiter-factory.js';
import type { KeyedRateLimiter } from './rate-limits.js';

/** Which limit refused something (the `limit` label of `qualibot_rate_limited_total`). */
export type LimitName = 'ip' | 'conversation' | 'visitor' | 'widget_session' | 'llm_budget' | 'widget_messages' | 'widget_sockets' | 'widget_storage' | 'login';

/** Every abuse limit of one app instance, built from RATE_LIMIT_* (see README, "Abuse limits"). */
export interface AbuseGuards {
  /** Requests per client IP per minute on the public widget routes, and on /api/messages when unauthenticated (429; src/server/rate-limit-doors.ts). */
  ipRequests: KeyedRateLimiter;
  /** Visitor messages per conversation per minute (kind reply). */
  conversationMessages: KeyedRateLimiter;
  /** Visitor messages per `from.id` per minute (kind reply). */
  visitorMessages: KeyedRateLimiter;
  /** New widget conversations per client IP per hour (429). */
  widgetConversations: KeyedRateLimiter;
  /** Where the keyed limits count: this instance's memory, or PostgreSQL (shared by every instance). */
  store: 'memory' | 'postgres';
  /** LLM calls per conversation (rules only beyond). */
  llmBudget: LlmCallBudget;
  /** Counts one refusal in /metrics. */
  refused(limit: LimitName): void;
}

export function createAbuseGuards(config: RateLimitConfig, registry: Registry, store: RateLimiterStoreOptions): AbuseGuards {
  const refusals = new Counter({
    name: 'qualibot_rate_limited_total',
    help: 'Requests, messages or LLM calls refused by an abuse limit',
    labelNames: ['limit'],
    registers: [registry],
  });
  return {
    ...createRateLimiters(config, store),
    llmBudget: new LlmCallBudget(config.llmCallsPerConversation),
    refused: (limit) => refusals.inc({ limit }),
  };
}
