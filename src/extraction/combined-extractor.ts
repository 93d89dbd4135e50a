import { AppError } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import { NO_USAGE, type LlmUsage } from '../qualification/types.js';
import type { Extraction, ExtractionInput, Extractor } from './extractor.js';
import { LlmCallError } from './llm/llm-call-error.js';
import type { ExtractionLogger } from './llm/llm-extractor.js';
import { looksLikeInjection } from './injection-guard.js';
import { mayNotNeedModel, rulesSettled } from './llm-worth-calling.js';
import { addUsage, mergeExtractions } from './merge-extractions.js';

/**
 * Rules on every message, the LLM on every message it can add to (llm-worth-calling.ts). The rules reading is
 * always there; the LLM adds what the rules missed and flags disagreements. When the LLM fails, times out or is skipped by its
 * circuit breaker, the turn goes on with the rules facts alone (`rules (llm fallback: <reason>)`),
 * so an LLM outage never blocks a visitor.
 */
export class CombinedExtractor implements Extractor {
  readonly name = 'llm+rules';

  constructor(
    private readonly playbook: Playbook,
    private readonly rules: Extractor,
    private readonly llm: Extractor,
    private readonly logger?: ExtractionLogger,
    /** `everyMessage`: consult the model even where the rules' reading leaves it nothing to add (LLM_EVERY_MESSAGE). */
    private readonly options: { everyMessage?: boolean } = {},
  ) {}

  async extract(input: ExtractionInput): Promise<Extraction> {
    // Once a visitor has tried to steer the model, the model is not consulted again in that conversation:
    // the injected words would still be in the history it reads.
    if (looksLikeInjection(input.text) || input.history.some(looksLikeInjection)) {
      this.logger?.warn({ turn: input.turn }, 'prompt injection attempt in this conversation: rules only');
      const rules = await this.rules.extract(input);
      return { ...rules, extractor: `${rules.extractor} (llm skipped: injection)` };
    }
    // A short answer the rules may settle alone is read by them first: when they do, no model call (llm-worth-calling.ts).
    if (!this.options.everyMessage && mayNotNeedModel(this.playbook, input)) {
      const rules = await this.rules.extract(input);
      if (rulesSettled(input, rules)) return { ...rules, extractor: `${rules.extractor} (llm not needed)` };
      return this.withModel(input, rules, settled(this.llm.extract(input)));
    }
    // Otherwise the model request leaves first: its promise chain runs up to the socket write before the next
    // macrotask, and only then do the rules (pure CPU) run, while the model thinks.
    const llm = settled(this.llm.extract(input));
    await new Promise<void>((resolve) => setImmediate(resolve));
    // The rules extractor is local, deterministic code: if it throws, that is a bug to surface, not to hide.
    return this.withModel(input, await this.rules.extract(input), llm);
  }

  private async withModel(input: ExtractionInput, rules: Extraction, llm: Promise<PromiseSettledResult<Extraction>>): Promise<Extraction> {
    const model = await llm;
    if (model.status === 'rejected') {
      const reason = fallbackReason(model.reason);
      // While the breaker is open every turn skips the LLM: the failure that opened it was already logged.
      if (reason !== 'circuit_open') this.logger?.warn({ reason, turn: input.turn }, 'llm extraction unavailable: rules only for this turn');
      return {
        ...rules,
        usage: addUsage(rules.usage, usageOf(model.reason)),
        extractor: `${rules.extractor} (llm fallback: ${reason})`,
      };
    }
    return mergeExtractions(this.playbook, rules, model.value, { known: input.known, askedDimension: input.askedDimension });
  }
}

/** The outcome of a promise, with its rejection handled at once (no unhandled rejection while we wait). */
function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

function fallbackReason(error: unknown): string {
  if (error instanceof LlmCallError) return error.reason;
  if (error instanceof AppError) return error.code;
  return 'error';
}

function usageOf(error: unknown): LlmUsage {
  return error instanceof LlmCallError ? error.usage : NO_USAGE;
}
