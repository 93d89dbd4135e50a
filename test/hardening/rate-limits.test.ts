import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Extraction, ExtractionInput, Extractor } from '../../src/extraction/extractor.js';
import { clientIp, rateLimitKey } from '../../src/server/client-ip.js';
import { LlmBudgetExtractor, LlmCallBudget } from '../../src/extraction/llm-call-budget.js';
import { describeRateLimits, ipLimitedRoutes, WIDGET_PUBLIC_ROUTES } from '../../src/server/rate-limit-doors.js';
import { memoryRateLimiter } from '../../src/server/rate-limiter-factory.js';
import { FlexibleRateLimiter, type KeyedRateLimiter } from '../../src/server/rate-limits.js';

/** rate-limiter-flexible reads Date.now(): only Date is faked (its expiry timers stay real and unref'd). */
function clock(start = 1_000_000) {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}

describe('the keyed rate limits (rate-limiter-flexible, in memory)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const takes = (limiter: KeyedRateLimiter, key: string, count: number) => Promise.all(Array.from({ length: count }, () => limiter.take(key)));

  it('allows `limit` events at once, then refuses with the wait until the next one', async () => {
    clock();
    const limiter = memoryRateLimiter({ limit: 6, windowMs: 60_000 });
    const decisions = await takes(limiter, 'a', 8);
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(6);
    expect(decisions[6]).toEqual({ allowed: false, retryAfterMs: 10_000, firstRefusal: true });
    expect(decisions[7]).toMatchObject({ allowed: false, firstRefusal: false });
    // Other keys have budgets of their own.
    expect((await limiter.take('b')).allowed).toBe(true);
  });

  it('once the burst is spent: one event every window/limit; the whole burst again after a quiet window', async () => {
    const time = clock();
    const limiter = memoryRateLimiter({ limit: 6, windowMs: 60_000 });
    await takes(limiter, 'a', 6);
    time.advance(9_999);
    expect(await limiter.take('a')).toMatchObject({ allowed: false, retryAfterMs: 1 });
    time.advance(1);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
    time.advance(10 * 60_000);
    expect((await takes(limiter, 'a', 7)).map((decision) => decision.allowed)).toEqual([...Array(6).fill(true), false]);
  });

  it('a steady flood gets the steady rate once its burst is spent, never more than 2 × limit - 1 per window', async () => {
    const time = clock();
    const limiter = memoryRateLimiter({ limit: 6, windowMs: 60_000 });
    let allowed = 0;
    // One event a second for a minute.
    for (let second = 0; second < 60; second += 1) {
      if ((await limiter.take('a')).allowed) allowed += 1;
      time.advance(1000);
    }
    expect(allowed).toBeGreaterThanOrEqual(6);
    expect(allowed).toBeLessThanOrEqual(11);
  });

  it('answers "first refusal" once per burst: again only after an accepted event', async () => {
    const time = clock();
    const limiter = memoryRateLimiter({ limit: 1, windowMs: 1000 });
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).firstRefusal).toBe(true);
    expect((await limiter.take('a')).firstRefusal).toBe(false);
    time.advance(1000);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).firstRefusal).toBe(true);
    // With a burst: the refusal right after the burst, and the one right after each steady event, are first ones.
    const bursty = memoryRateLimiter({ limit: 3, windowMs: 3000 });
    expect((await takes(bursty, 'b', 5)).map((decision) => decision.firstRefusal)).toEqual([false, false, false, true, false]);
    time.advance(1000);
    expect((await takes(bursty, 'b', 3)).map((decision) => [decision.allowed, decision.firstRefusal])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('does not give events back when the clock goes backwards', async () => {
    const time = clock();
    const limiter = memoryRateLimiter({ limit: 2, windowMs: 60_000 });
    await takes(limiter, 'a', 2);
    time.advance(-30_000);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('limit 0 switches the limit off', async () => {
    const limiter = memoryRateLimiter({ limit: 0, windowMs: 60_000 });
    expect((await takes(limiter, 'a', 1000)).every((decision) => decision.allowed)).toBe(true);
    expect(limiter.enabled).toBe(false);
  });

  it('a store that fails lets the event in and says so, never rejects', async () => {
    const errors: unknown[] = [];
    const broken = { consume: () => Promise.reject(new Error('connection refused')) };
    const limiter = new FlexibleRateLimiter({ limit: 5, windowMs: 60_000 }, { steady: broken, burst: broken }, (error) => errors.push(error));
    expect(await limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0, firstRefusal: false });
    expect(errors).toHaveLength(1);
  });
});

describe('clientIp', () => {
  const request = (remoteAddress: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

  it('uses the socket peer and ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientIp(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
    expect(clientIp(request('::ffff:203.0.113.7'))).toBe('203.0.113.7');
  });

  it('with N trusted proxies, takes the address N hops back (a client cannot pick its own bucket)', () => {
    // The client prepends a forged entry; the trusted proxy appends the address it really saw.
    expect(clientIp(request('10.0.0.2', '1.2.3.4, 198.51.100.9'), 1)).toBe('198.51.100.9');
    expect(clientIp(request('10.0.0.3', '1.2.3.4, 198.51.100.9, 10.0.0.2'), 2)).toBe('198.51.100.9');
    // More hops trusted than entries present: the furthest address known.
    expect(clientIp(request('10.0.0.2', '198.51.100.9'), 5)).toBe('198.51.100.9');
    expect(clientIp(request('10.0.0.2'), 1)).toBe('10.0.0.2');
  });

  it('keys IPv6 clients by their /64', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('198.51.100.4')).toBe('198.51.100.4');
  });
});

describe('LLM call budget per conversation', () => {
  const extraction = (extractor: string, llmCalls: number): Extraction => ({
    facts: [],
    knockouts: [],
    contact: {},
    usage: { llmCalls, tokensIn: 10 * llmCalls, tokensOut: llmCalls },
    extractor,
  });
  /** Stands in for the LLM-backed extractor: counts how often it is consulted, spends 2 calls per message (one retry). */
  class CountingExtractor implements Extractor {
    readonly name = 'llm+rules';
    calls = 0;
    async extract(): Promise<Extraction> {
      this.calls += 1;
      return extraction('llm+rules', 2);
    }
  }
  const rules: Extractor = { name: 'rules', extract: async () => extraction('rules', 0) };
  const input: ExtractionInput = { text: 'hello', locale: 'en', turn: 1, known: {}, history: [] };

  it('consults the LLM until the conversation has spent its budget, then the rules only', async () => {
    const llm = new CountingExtractor();
    const budgeted = new LlmBudgetExtractor(llm, rules, new LlmCallBudget(5));
    const run = (leadId: string) => budgeted.extract({ ...input, leadId });
    const seen = [];
    for (let i = 0; i < 5; i += 1) seen.push((await run('c1')).extractor);
    // 2 + 2 + 2 = 6 ≥ 5 after the third message.
    expect(seen).toEqual(['llm+rules', 'llm+rules', 'llm+rules', 'rules (llm skipped: budget)', 'rules (llm skipped: budget)']);
    expect(llm.calls).toBe(3);
    // Another conversation has a budget of its own; a message of no lead is not counted.
    expect((await run('c2')).extractor).toBe('llm+rules');
    expect((await budgeted.extract(input)).extractor).toBe('llm+rules');
  });

  it('limit 0 = no budget; memory stays bounded', async () => {
    const unlimited = new LlmCallBudget(0);
    unlimited.spend('c', 1_000_000);
    expect(unlimited.allows('c')).toBe(true);
    const bounded = new LlmCallBudget(3, 10);
    for (let i = 0; i < 1000; i += 1) bounded.spend(`c${i}`, 1);
    expect(bounded.spentBy('c999')).toBe(1);
    expect(bounded.spentBy('c0')).toBe(0);
  });
});

describe('which limit guards which door (src/server/rate-limit-doors.ts)', () => {
  const limits = { messagesPerMinute: 20, conversationsPerHour: 30, llmCallsPerConversation: 30, ipRequestsPerMinute: 600, trustProxyHops: 0 };
  const keys = (routes: { method: string; path: string }[]) => routes.map((route) => `${route.method} ${route.path}`);

  it('the per-IP limit guards the widget always, /api/messages only when unauthenticated', () => {
    expect(keys(ipLimitedRoutes(true))).toEqual(keys([...WIDGET_PUBLIC_ROUTES]));
    expect(keys(ipLimitedRoutes(true))).not.toContain('POST /api/messages');
    expect(keys(ipLimitedRoutes(false))).toEqual([...keys([...WIDGET_PUBLIC_ROUTES]), 'POST /api/messages']);
    expect(keys([...WIDGET_PUBLIC_ROUTES])).toContain('POST /api/widget/session');
  });

  it('describes the doors for the start-up log, leaving out limits set to 0', () => {
    expect(describeRateLimits(limits, 30, true)['POST /api/messages']).toEqual(['20 messages/min per conversation and per visitor']);
    expect(describeRateLimits(limits, 30, false)['POST /api/messages']).toEqual(['600 requests/min per IP', '20 messages/min per conversation and per visitor']);
    expect(describeRateLimits({ ...limits, ipRequestsPerMinute: 0, conversationsPerHour: 0 }, 0, false)).toMatchObject({
      'POST /api/widget/session': [],
      'widget pages, loader and files': [],
      'widget socket': [],
    });
  });
});
