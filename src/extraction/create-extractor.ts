import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import { CombinedExtractor } from './combined-extractor.js';
import type { Extractor } from './extractor.js';
import type { CircuitBreaker } from './llm/circuit-breaker.js';
import { LlmExtractor } from './llm/llm-extractor.js';
import { LlmBudgetExtractor, type LlmCallBudget } from './llm-call-budget.js';
import { RulesExtractor } from './rules/rules-extractor.js';

/** Rules offline; with an API key, the LLM reads every message it can add to and the rules extractor backs it up. */
export function createExtractor(config: Config, playbook: Playbook, logger: Logger): Extractor {
  return createExtraction(config, playbook, logger).extractor;
}

/** The extraction part of the app: the extractor the bot reads with, and what /readyz needs to know of its LLM side. */
export interface ExtractionPart {
  extractor: Extractor;
  /** The LLM's circuit breaker, when an LLM is configured. */
  llmBreaker?: CircuitBreaker;
}

export interface ExtractionOptions {
  /** LLM calls per conversation; beyond it the conversation is read by the rules extractor alone. */
  budget?: LlmCallBudget;
  /** Called each time the budget sends a message to the rules alone (metrics). */
  onBudgetSkipped?: () => void;
}

/**
 * Builds the extractor from the config: the rules alone without an LLM; else rules and LLM together, behind the
 * per-conversation LLM budget when one is given.
 */
export function createExtraction(config: Config, playbook: Playbook, logger: Logger, options: ExtractionOptions = {}): ExtractionPart {
  const rules = new RulesExtractor(playbook, { warmUp: config.warmUp });
  if (!config.llm) return { extractor: rules };
  const llm = new LlmExtractor(playbook, { ...config.llm, logger });
  const combined = new CombinedExtractor(playbook, rules, llm, logger, { everyMessage: config.llm.everyMessage });
  const extractor = options.budget ? new LlmBudgetExtractor(combined, rules, options.budget, logger, options.onBudgetSkipped) : combined;
  return { extractor, llmBreaker: llm.breaker };
}
