import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_AGE_SECONDS, verifySlackSignature } from '../../../src/channels/slack/slack-signature.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW_MS = 1_700_000_000_000;
const nowSeconds = NOW_MS / 1000;

/** Slack's documented algorithm, computed here independently of the code under test. */
function slackSignature(body: Buffer | string, timestamp: number | string, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

describe('verifySlackSignature', () => {
  const body = Buffer.from('{"type":"event_callback","event":{"text":"Éditeur de logiciel, 140 salariés 🚀"}}', 'utf8');

  it('accepts a body signed with the signing secret', () => {
    const result = verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature: slackSignature(body, nowSeconds), rawBody: body }, NOW_MS);
    expect(result).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret, or over other bytes', () => {
    const otherSecret = slackSignature(body, nowSeconds, 'another-secret');
    expect(verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature: otherSecret, rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'bad_signature' });
    const tampered = Buffer.from(body.toString('utf8').replace('140', '14'), 'utf8');
    expect(verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature: slackSignature(body, nowSeconds), rawBody: tampered }, NOW_MS)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a signature whose timestamp was swapped (the timestamp is signed too)', () => {
    const signature = slackSignature(body, nowSeconds - 10);
    expect(verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature, rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses truncated or malformed signatures without throwing', () => {
    const good = slackSignature(body, nowSeconds);
    for (const signature of [good.slice(0, -1), `${good}0`, 'v1=abc', 'é'.repeat(good.length)]) {
      expect(verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature, rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('refuses timestamps more than five minutes away, in the past or the future', () => {
    for (const timestamp of [nowSeconds - MAX_SIGNATURE_AGE_SECONDS - 1, nowSeconds + MAX_SIGNATURE_AGE_SECONDS + 1]) {
      const signature = slackSignature(body, timestamp);
      expect(verifySlackSignature(SECRET, { timestamp: String(timestamp), signature, rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'stale_timestamp' });
    }
    const edge = nowSeconds - MAX_SIGNATURE_AGE_SECONDS;
    expect(verifySlackSignature(SECRET, { timestamp: String(edge), signature: slackSignature(body, edge), rawBody: body }, NOW_MS)).toEqual({ ok: true });
  });

  it('refuses missing headers and non-numeric timestamps', () => {
    expect(verifySlackSignature(SECRET, { timestamp: undefined, signature: 'v0=00', rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature(SECRET, { timestamp: String(nowSeconds), signature: undefined, rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature(SECRET, { timestamp: '17e8', signature: slackSignature(body, '17e8'), rawBody: body }, NOW_MS)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });
});
