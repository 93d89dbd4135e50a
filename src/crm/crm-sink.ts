import { AppError } from '../errors.js';
import type { CrmEvent } from './crm-event.js';

/** Port: hands one event to the CRM. Resolves once the CRM accepted it; throws `CrmDeliveryError` otherwise. */
export interface CrmSink {
  /** `signal`: the caller gave up (shutdown); the attempt ends as a retryable failure. */
  deliver(event: CrmEvent, signal?: AbortSignal): Promise<void>;
}

/** A delivery that did not succeed; `retryable` says whether trying again later may help. */
export class CrmDeliveryError extends AppError {
  readonly retryable: boolean;
  readonly status?: number;
  /** From the CRM's `Retry-After`, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(message: string, details: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super('crm_delivery_failed', message, { cause: details.cause });
    this.retryable = details.retryable;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}
