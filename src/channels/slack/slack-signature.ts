import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own limit: a request signed more than five minutes away from our clock is a possible replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

/** The three things Slack's request signing covers, exactly as received. */
export interface SignedRequest {
  /** `X-Slack-Request-Timestamp` (Unix seconds). */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=` + hex HMAC-SHA256. */
  signature: string | undefined;
  /** The body bytes as they came over the wire (never a re-serialised parse). */
  rawBody: Buffer;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

/**
 * Verifies Slack's `v0` request signature: HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`),
 * compared in constant time, and refuses timestamps more than five minutes off (replays).
 */
export function verifySlackSignature(signingSecret: string, request: SignedRequest, nowMs = Date.now()): SignatureCheck {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex');
  const expected = Buffer.from(`v0=${hmac}`, 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on different lengths; a length mismatch reveals nothing secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
