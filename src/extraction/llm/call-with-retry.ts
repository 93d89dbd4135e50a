import { classifyError } from './classify-error.js';
import { LlmCallError } from './llm-call-error.js';

/**
 * One model call under a per-turn deadline, with at most one retry.
 *
 * `timeoutMs` bounds the whole turn (both attempts and the pause between them), because what the
 * visitor feels is the total wait. Only rate limits, 5xx and network errors are retried, once,
 * after a jittered pause (or the server's Retry-After), and only if enough budget remains.
 * A timeout is never retried: waiting the full budget twice is exactly what must not happen.
 */
export interface RetryPolicy {
  timeoutMs: number;
  /** Pause before the retry, jittered to 50–150 % so many clients do not retry in step (default 250 ms). */
  retryBaseMs?: number;
  /** Smallest remaining budget worth a second attempt (default: a quarter of the budget, at most 1 s). */
  minAttemptMs?: number;
  random?: () => number;
}

export interface CallOutcome<T> {
  value: T;
  /** Requests sent, retry included. */
  attempts: number;
}

export async function callWithRetry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  outerSignal?: AbortSignal,
): Promise<CallOutcome<T>> {
  const deadline = Date.now() + policy.timeoutMs;
  const minAttemptMs = policy.minAttemptMs ?? Math.min(1000, policy.timeoutMs / 4);
  const random = policy.random ?? Math.random;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), Math.max(0, deadline - Date.now()));
    const signal = outerSignal ? AbortSignal.any([timer.signal, outerSignal]) : timer.signal;
    try {
      return { value: await attempt(signal), attempts };
    } catch (error) {
      const usage = { llmCalls: attempts, tokensIn: 0, tokensOut: 0 };
      if (outerSignal?.aborted) throw new LlmCallError('aborted', 'the turn was abandoned', usage, { cause: error });
      if (timer.signal.aborted) {
        throw new LlmCallError('timeout', `no answer within ${policy.timeoutMs} ms`, usage, { cause: error });
      }
      const { reason, retryAfterMs } = classifyError(error);
      const failure = new LlmCallError(reason, (error as Error)?.message ?? String(error), usage, { cause: error });
      if (attempts > 1 || !failure.retryable) throw failure;
      const base = policy.retryBaseMs ?? 250;
      const pause = retryAfterMs ?? base * (0.5 + random());
      if (deadline - Date.now() - pause < minAttemptMs) throw failure;
      await sleep(pause, outerSignal).catch(() => {
        throw new LlmCallError('aborted', 'the turn was abandoned', usage, { cause: error });
      });
    } finally {
      clearTimeout(handle);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const handle = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
