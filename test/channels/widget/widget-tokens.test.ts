import { describe, expect, it } from 'vitest';
import { WidgetTokens, randomId } from '../../../src/channels/widget/widget-tokens.js';

const claims = { visitorId: randomId('v'), conversationId: randomId('c') };

describe('WidgetTokens', () => {
  it('round-trips visitor and socket tokens', () => {
    const tokens = new WidgetTokens('a-secret-of-enough-length');
    expect(tokens.verifyVisitorToken(tokens.issueVisitorToken(claims))).toEqual(claims);
    expect(tokens.verifySocketToken(tokens.issueSocketToken(claims))).toEqual(claims);
  });

  it('does not accept a socket token as a visitor token, nor the reverse', () => {
    const tokens = new WidgetTokens('a-secret-of-enough-length');
    expect(tokens.verifyVisitorToken(tokens.issueSocketToken(claims))).toBeUndefined();
    expect(tokens.verifySocketToken(tokens.issueVisitorToken(claims))).toBeUndefined();
  });

  it('refuses tokens signed with another secret or tampered with', () => {
    const tokens = new WidgetTokens('a-secret-of-enough-length');
    const other = new WidgetTokens('another-secret-of-enough-length');
    const token = tokens.issueVisitorToken(claims);
    expect(other.verifyVisitorToken(token)).toBeUndefined();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), c: randomId('c') })).toString('base64url');
    expect(tokens.verifyVisitorToken(`${forged}.${mac}`)).toBeUndefined();
    for (const junk of [undefined, 42, '', 'a.b', `${token}.x`, 'x'.repeat(2000)]) expect(tokens.verifyVisitorToken(junk)).toBeUndefined();
  });

  it('expires socket tokens quickly and visitor tokens after their TTL', () => {
    let now = 1_000_000;
    const tokens = new WidgetTokens('a-secret-of-enough-length', { socketTtlMs: 60_000, visitorTtlMs: 3_600_000, now: () => now });
    const socket = tokens.issueSocketToken(claims);
    const visitor = tokens.issueVisitorToken(claims);
    now += 60_001;
    expect(tokens.verifySocketToken(socket)).toBeUndefined();
    expect(tokens.verifyVisitorToken(visitor)).toEqual(claims);
    now += 3_600_000;
    expect(tokens.verifyVisitorToken(visitor)).toBeUndefined();
  });

  it('rejects a short secret', () => {
    expect(() => new WidgetTokens('short')).toThrow(/at least 16/);
  });
});
