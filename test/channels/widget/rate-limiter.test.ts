import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from '../../../src/channels/widget/rate-limiter.js';

describe('SlidingWindowRateLimiter', () => {
  it('allows `limit` messages in any minute and says when the next one will pass', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(3, 60_000, () => now);
    const taken = [0, 1_000, 2_000].map((at) => {
      now = at;
      return limiter.tryTake();
    });
    expect(taken).toEqual([true, true, true]);
    now = 10_000;
    expect(limiter.tryTake()).toBe(false);
    expect(limiter.retryAfterMs()).toBe(50_000);
    now = 60_000; // the first message leaves the window
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
  });

  it('does not count refused messages', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(1, 60_000, () => now);
    expect(limiter.tryTake()).toBe(true);
    for (let i = 0; i < 10; i += 1) expect(limiter.tryTake()).toBe(false);
    now = 60_000;
    expect(limiter.tryTake()).toBe(true);
  });
});
