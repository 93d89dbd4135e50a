import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Qualibot-Signature';
export const TIMESTAMP_HEADER = 'X-Qualibot-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what the CRM recomputes with the shared secret. */
export function signBody(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Constant-time check of a signature header against the raw body (for receivers and tests). */
export function verifySignature(rawBody: string | Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(rawBody, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
