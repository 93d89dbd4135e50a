/**
 * Masks personal data that must never reach logs: emails, phone numbers, IBANs.
 * Deliberately greedy: a masked order number in a log line costs nothing, a leaked phone number does.
 * One exception: digits inside a longer identifier (a UUID such as `737b8190-1234-4567-8901-…`, a
 * base64url id) are not a phone number. Masking them would garble the conversation and lead ids that
 * make logs usable, so a phone number must not be glued to letters, digits, `_` or `-` on either side.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
const PHONE = /(?<![\p{L}\p{N}_-])(?:\+|00)?\d[\d .\-()]{7,}\d(?![\p{L}\p{N}_-])/gu;

export function maskPii(text: string): string {
  return text.replace(EMAIL, '[email]').replace(IBAN, '[iban]').replace(PHONE, (match) => (countDigits(match) >= 9 ? '[phone]' : match));
}

/** How deep `maskDeep` copies; deeper objects are replaced, never passed through unmasked. */
const MAX_DEPTH = 6;

/** Deep copy of a log payload with every string masked. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return { type: value.name, message: maskPii(value.message), stack: value.stack ? maskPii(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

function countDigits(text: string): number {
  let digits = 0;
  for (const char of text) if (char >= '0' && char <= '9') digits += 1;
  return digits;
}
