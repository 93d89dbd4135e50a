import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/handoff/login-throttle.js';
import { DECOY_HASH, hashPassword, verifyPassword } from '../../src/handoff/password-hash.js';
import { SdrTokens, TOKEN_TTL_MS } from '../../src/handoff/sdr-tokens.js';

describe('SDR passwords', () => {
  it('hashes with scrypt and a random salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('never matches the decoy or a malformed hash', async () => {
    expect(await verifyPassword('anything', DECOY_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$16384$8$1$c2FsdA==$c2hvcnQ=')).toBe(false);
  });
});

describe('SDR tokens', () => {
  it('round-trips the SDR id and expires after 8 hours', () => {
    let now = new Date('2026-11-26T08:00:00Z');
    const tokens = new SdrTokens('0123456789abcdef0123', () => now);
    const { token, expiresAt } = tokens.issue('sdr-1');
    expect(expiresAt).toBe('2026-11-26T16:00:00.000Z');
    expect(tokens.verify(token)).toEqual({ sdrId: 'sdr-1', exp: Date.parse('2026-11-26T08:00:00Z') + TOKEN_TTL_MS });
    now = new Date('2026-11-26T15:59:59Z');
    expect(tokens.verify(token)?.sdrId).toBe('sdr-1');
    now = new Date('2026-11-26T16:00:00Z');
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses tampered claims, other secrets and garbage', () => {
    const tokens = new SdrTokens('0123456789abcdef0123');
    const { token } = tokens.issue('sdr-1');
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sdrId: 'sdr-admin', exp: Date.now() + 1e9 })).toString('base64url')}.${signature}`;
    expect(tokens.verify(forged)).toBeUndefined();
    expect(new SdrTokens('another-secret-of-16+').verify(token)).toBeUndefined();
    for (const junk of [undefined, '', 'abc', 'a.b', `${token}.x`]) expect(tokens.verify(junk)).toBeUndefined();
  });
});

describe('login throttle', () => {
  it('refuses an account from one address after too many failures within the window, then lets it try again', () => {
    let now = 0;
    const throttle = new LoginThrottle({ perAccountAndAddress: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.check('marie', '10.0.0.1').retryAfterMs).toBe(0);
      throttle.fail('marie', '10.0.0.1');
    }
    expect(throttle.check('marie', '10.0.0.1')).toMatchObject({ retryAfterMs: 60_000, refusedBy: 'account_and_address' });
    // The same account from elsewhere (the real SDR) and another account from here are not refused.
    expect(throttle.check('marie', '10.0.0.2').retryAfterMs).toBe(0);
    expect(throttle.check('paul', '10.0.0.1').retryAfterMs).toBe(0);
    now = 60_001;
    expect(throttle.check('marie', '10.0.0.1').retryAfterMs).toBe(0);
    throttle.fail('marie', '10.0.0.1');
    throttle.succeed('marie', '10.0.0.1');
    expect(throttle.check('marie', '10.0.0.1').retryAfterMs).toBe(0);
  });

  // Finding 3 of the security probe (#21): 10,001 junk logins used to push a real lock out of the map.
  it('a flood of junk logins from other addresses does not clear a real lock, and memory stays bounded', () => {
    const throttle = new LoginThrottle({ perAccountAndAddress: 10, maxKeys: 10_000 });
    for (let i = 0; i < 10; i += 1) throttle.fail('marie@example.com', '203.0.113.7');
    for (let i = 0; i < 10_001; i += 1) throttle.fail(`junk-${i}@example.com`, `198.51.${i >> 8}.${i & 255}`);
    expect(throttle.check('marie@example.com', '203.0.113.7').retryAfterMs).toBeGreaterThan(0);
    expect(throttle.size).toBeLessThanOrEqual(3 * 2 * 10_000);
  });

  it('password spraying: one address trying many accounts is refused after perAddress failures', () => {
    const throttle = new LoginThrottle({ perAddress: 30 });
    for (let i = 0; i < 30; i += 1) {
      expect(throttle.check(`sdr-${i}@example.com`, '203.0.113.9').retryAfterMs).toBe(0);
      throttle.fail(`sdr-${i}@example.com`, '203.0.113.9');
    }
    expect(throttle.check('sdr-999@example.com', '203.0.113.9')).toMatchObject({ refusedBy: 'address' });
    expect(throttle.check('sdr-999@example.com', '203.0.113.10').retryAfterMs).toBe(0);
  });

  it('many addresses guessing one account slow it down (capped), they never lock it', () => {
    const throttle = new LoginThrottle({ accountSlowdownAfter: 20, maxSlowdownMs: 5000 });
    const delays: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      delays.push(throttle.check('marie', `198.51.100.${i}`).delayMs);
      throttle.fail('marie', `198.51.100.${i}`);
    }
    expect(delays.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(delays.slice(20, 24)).toEqual([250, 500, 1000, 2000]);
    expect(Math.max(...delays)).toBe(5000);
    // The SDR, from an address of their own, is slowed, not refused.
    expect(throttle.check('marie', '192.0.2.1')).toEqual({ retryAfterMs: 0, delayMs: 5000 });
  });
});
