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
  it('blocks a key after too many failures within the window, then lets it try again', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterMs('a')).toBe(0);
      throttle.fail('a');
    }
    expect(throttle.retryAfterMs('a')).toBe(60_000);
    expect(throttle.retryAfterMs('b')).toBe(0);
    now = 60_001;
    expect(throttle.retryAfterMs('a')).toBe(0);
    throttle.fail('a');
    throttle.succeed('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
  });
});
