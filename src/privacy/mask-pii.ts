/**
 * Masks personal data that must never reach logs: emails, phone numbers, IBANs.
 * Deliberately greedy: a masked order number in a log line costs nothing, a leaked phone number does.
 * Two exceptions keep logs usable:
 * - digits inside a longer identifier (a UUID such as `737b8190-1234-4567-8901-…`, a base64url id) are
 *   not a phone number, so a phone number must not be glued to letters, digits, `_` or `-` on either side;
 * - the channels' protocol identifiers (see PROTOCOL_IDS) identify a thread or a message, not a person.
 *   They look like emails (`19:…@thread.tacv2`) or phones (Slack's `1712345678.123456`) but an operator
 *   needs them intact to find a conversation; they are kept as they are.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
const PHONE = /(?<![\p{L}\p{N}_-])(?:\+|00)?\d[\d .\-()]{7,}\d(?![\p{L}\p{N}_-])/gu;

/**
 * Identifiers the channels send, each shaped so no email or phone number fits it:
 * - Teams channel, meeting and group-chat conversations: `19:<id>@thread.tacv2` (also `thread.skype`,
 *   `thread.v2`, `unq.gbl.spaces`), a channel thread with `;messageid=<ms timestamp>`;
 * - Teams personal conversations `a:…`, users `29:…`, bots `28:…`: long opaque ids with at least one letter
 *   (a phone number written after `a:` has none);
 * - Azure AD users `8:orgid:<uuid>`;
 * - Slack message timestamps (`ts`, `thread_ts`): Unix seconds (10 digits starting with 1), a dot, 6 digits.
 *   Slack user, channel and team ids (`U0…`, `C0…`, `T0…`) start with a letter and are never masked anyway.
 */
const PROTOCOL_IDS = [
  String.raw`\b19:[\w.-]+@(?:thread\.(?:tacv2|skype|v2)|unq\.gbl\.spaces)(?:;messageid=\d+)?`,
  String.raw`(?<![\w:])(?:a|29|28):(?=[\w-]*[A-Za-z])[\w-]{16,}`,
  String.raw`\b8:orgid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`,
  String.raw`(?<![\d.])1\d{9}\.\d{6}(?![\d.])`,
].join('|');

/** split() with a capture group alternates text (even indexes) and protocol ids (odd indexes). */
const AROUND_PROTOCOL_IDS = new RegExp(`(${PROTOCOL_IDS})`, 'i');

/**
 * Fields of our own log lines that hold a message id. Teams numbers channel messages with a millisecond
 * timestamp (`1712345678901`), thirteen digits like an international phone number: kept only there.
 */
const MESSAGE_ID_FIELDS = new Set(['activityId', 'replyToId', 'messageId']);
const MILLISECOND_TIMESTAMP = /^1\d{12}$/;

export function maskPii(text: string): string {
  return text
    .split(AROUND_PROTOCOL_IDS)
    .map((part, index) => (index % 2 === 1 ? part : maskPersonalData(part)))
    .join('');
}

function maskPersonalData(text: string): string {
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
  for (const [key, item] of Object.entries(value)) {
    out[key] = MESSAGE_ID_FIELDS.has(key) && typeof item === 'string' && MILLISECOND_TIMESTAMP.test(item) ? item : maskDeep(item, depth + 1);
  }
  return out;
}

function countDigits(text: string): number {
  let digits = 0;
  for (const char of text) if (char >= '0' && char <= '9') digits += 1;
  return digits;
}
