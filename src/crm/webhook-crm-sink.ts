import type { CrmEvent } from './crm-event.js';
import { CrmDeliveryError, type CrmSink } from './crm-sink.js';
import { pickAllowed } from './pick-allowed.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './webhook-signature.js';

export interface WebhookCrmSinkOptions {
  /** CRM_WEBHOOK_URL */
  url: string;
  /** CRM_WEBHOOK_SECRET: key of the HMAC signature. */
  secret: string;
  /** CRM_FIELDS: the dotted paths of the payload allowed to leave. */
  fields: readonly string[];
  /** Per request (default 10 s); a timeout is a retryable failure. */
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** Statuses worth retrying: the CRM is down, overloaded, or asks us to come back. */
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/**
 * Posts each event as JSON to the CRM webhook:
 *
 *     { "id": <idempotency key>, "type": "lead.qualified", "occurredAt": ISO, "timestamp": <unix s>, "data": {…allowed fields} }
 *
 * Headers: `X-Qualibot-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, `X-Qualibot-Timestamp`
 * (the same unix seconds as `timestamp` in the signed body, so a receiver can refuse replays) and
 * `Idempotency-Key` (`<leadId>:<version>` for lead events). Any 2xx is success. 5xx, 408, 425, 429,
 * timeouts and network errors are retryable; other statuses (4xx, and 3xx: redirects are not followed,
 * so a signed body never goes elsewhere) are permanent: the worker tries once more, then dead-letters.
 */
export class WebhookCrmSink implements CrmSink {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WebhookCrmSinkOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async deliver(event: CrmEvent, signal?: AbortSignal): Promise<void> {
    const timestamp = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const body = JSON.stringify({
      id: event.idempotencyKey,
      type: event.type,
      occurredAt: event.occurredAt,
      timestamp,
      data: pickAllowed(event.payload, this.options.fields),
    });
    let response: Response;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Qualibot-Webhook/1',
          [SIGNATURE_HEADER]: signBody(body, this.options.secret),
          [TIMESTAMP_HEADER]: String(timestamp),
          'Idempotency-Key': event.idempotencyKey,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 10_000), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : signal?.aborted ? 'abandoned at shutdown' : describe(error);
      throw new CrmDeliveryError(`CRM webhook ${reason}`, { retryable: true, cause: error });
    }
    // Drain the body so the connection can be reused; its content is not needed (and may echo data).
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const status = response.status;
    throw new CrmDeliveryError(`CRM webhook answered HTTP ${status}`, {
      status,
      retryable: status >= 500 || RETRYABLE_STATUSES.has(status),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return `failed: ${String(error)}`;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `failed: ${error.message}${cause}`;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
