import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/crm/backoff.js';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoffDelay (exponential, full jitter)', () => {
  it('doubles the ceiling with each attempt up to the cap', () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((attempt) => backoffDelay(attempt, policy, almostOne))).toEqual([
      999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999,
    ]);
  });

  it('draws uniformly from zero to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
    for (let index = 0; index < 200; index++) {
      const delay = backoffDelay(4, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(8000);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    expect(backoffDelay(0, policy, () => 0.5)).toBe(500);
  });
});
