import { AppError } from '../../errors.js';
import { NO_USAGE, type LlmUsage } from '../../qualification/types.js';
import type { OutputProblem } from './parse-model-output.js';

/** Why an LLM extraction gave nothing usable; shown as `rules (llm fallback: <reason>)`. */
export type LlmFailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'client_error'
  | 'circuit_open'
  | 'aborted'
  | 'refused'
  | OutputProblem;

/** An LLM extraction that failed; carries what it still cost, so usage is reported even on failure. */
export class LlmCallError extends AppError {
  constructor(
    readonly reason: LlmFailureReason,
    message: string,
    readonly usage: LlmUsage = NO_USAGE,
    options?: { cause?: unknown },
  ) {
    super(`llm_${reason}`, message, options);
  }

  /** Failures worth one more try: the service may answer a moment later. */
  get retryable(): boolean {
    return this.reason === 'rate_limited' || this.reason === 'server_error' || this.reason === 'network';
  }

  withUsage(usage: LlmUsage): LlmCallError {
    return new LlmCallError(this.reason, this.message, usage, { cause: this.cause });
  }
}
