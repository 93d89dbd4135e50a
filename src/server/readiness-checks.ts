import type { DeliveryOutcome } from '../crm/outbox-worker.js';
import type { CircuitState } from '../extraction/llm/circuit-breaker.js';
import type { OutboxRepository } from '../storage/ports/outbox.js';
import type { ReadinessCheck } from './probes.js';

/**
 * Readiness of optional dependencies. Both are "degraded", not "not ready", when they fail: the
 * bot keeps answering (rules extractor; leads wait in the outbox), and every instance shares the
 * same LLM and CRM, so taking this one out of the load balancer would only make things worse.
 * /readyz then answers 200 with `status: "degraded"` and the detail below.
 */
export function llmReadiness(breaker: { readonly state: CircuitState; readonly retryInMs: number }): ReadinessCheck {
  return async () => {
    const state = breaker.state;
    if (state !== 'open') return { ok: true, detail: { breaker: state } };
    return { ok: true, degraded: true, detail: { breaker: state, retryInMs: breaker.retryInMs, fallback: 'rules' } };
  };
}

/** Remembers how the last CRM delivery attempt went (fed by the outbox worker's `onOutcome`). */
export class CrmDeliveryHealth {
  private last?: { result: DeliveryOutcome['result']; at: string };

  record(outcome: DeliveryOutcome): void {
    this.last = { result: outcome.result, at: new Date().toISOString() };
  }

  /** Degraded while the last attempt failed; the backlog says how many leads are waiting. */
  readiness(outbox: Pick<OutboxRepository, 'backlog'>): ReadinessCheck {
    return async () => {
      // The database has its own check: a failed count must not make the CRM look broken.
      const backlog = await outbox.backlog().catch(() => 'unknown' as const);
      const failing = this.last !== undefined && this.last.result !== 'delivered';
      const detail = { backlog, lastAttempt: this.last?.result ?? 'none', lastAttemptAt: this.last?.at };
      return failing ? { ok: true, degraded: true, detail } : { ok: true, detail };
    };
  }
}
