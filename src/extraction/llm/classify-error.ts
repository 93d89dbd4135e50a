import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { LlmFailureReason } from './llm-call-error.js';

export interface ClassifiedError {
  reason: LlmFailureReason;
  /** What the server asked us to wait before retrying, when it said so. */
  retryAfterMs?: number;
}

/** Maps what the openai SDK throws to the few cases the retry and the breaker care about. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof APIUserAbortError) return { reason: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { reason: 'timeout' };
  if (error instanceof APIConnectionError) return { reason: 'network' };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const retryAfterMs = retryAfter(error.headers);
    if (status === 429) return { reason: 'rate_limited', retryAfterMs };
    if (status >= 500 || status === 408 || status === 409) return { reason: 'server_error', retryAfterMs };
    return { reason: 'client_error' };
  }
  // fetch failures that escaped the SDK's wrapping (socket reset, DNS) behave like network errors.
  return { reason: 'network' };
}

/** `retry-after-ms` (OpenAI), then `retry-after` in seconds or as an HTTP date. */
export function retryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
