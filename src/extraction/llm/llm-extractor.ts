import OpenAI from 'openai';
import type { Playbook } from '../../playbook/schema.js';
import type { LlmUsage } from '../../qualification/types.js';
import type { Extraction, ExtractionInput, Extractor } from '../extractor.js';
import { callWithRetry, type CallOutcome, type RetryPolicy } from './call-with-retry.js';
import { ChatRequestBuilder, type StructuredOutputMode } from './chat-request.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ExtractionPrompt } from './extraction-prompt.js';
import { buildExtractionSchema, type ExtractionSchema } from './extraction-schema.js';
import { groundExtraction, type VisitorMessage } from './grounding.js';
import { LlmCallError } from './llm-call-error.js';
import { modelOutputToCandidates } from './model-output-to-facts.js';
import { parseModelOutput } from './parse-model-output.js';
import { acceptRephrasing } from './rephrase-guard.js';

/**
 * Why the openai SDK and not LangChain's `withStructuredOutput`: the SDK lets us switch its own
 * retries off (`maxRetries: 0`) and pass our AbortSignal per request, so the retry/timeout/breaker
 * policy below is the only one in play (LangChain adds its own AsyncCaller retries and wraps errors,
 * which hides the HTTP status the policy needs); its zod helpers turn the playbook-built zod 4 schema
 * into a strict JSON schema for both request shapes; the token usage is on the completion itself;
 * and we parse the raw text ourselves, so a bad answer is a typed failure rather than `parsed: null`.
 */
export interface LlmExtractorConfig {
  apiKey: string;
  baseURL?: string;
  /** Default `gpt-4o-mini`. */
  model?: string;
  /** Longest a visitor waits for the LLM in one turn, retry included (default 8000 ms). */
  timeoutMs?: number;
  /** LLM_REPHRASE: ask the same call for an acknowledgement + the next question. */
  rephrase: boolean;
  /** Clock for the prompt's "today" and the circuit breaker. */
  now?: () => Date;
  /** Default `json_schema`; `tool` for OpenAI-compatible servers without structured outputs. */
  structuredOutput?: StructuredOutputMode;
  /** Consecutive failures that skip the LLM (default 3) and for how long (default 30 s). */
  breaker?: { failureThreshold?: number; coolDownMs?: number };
  /** Retry tuning, mostly for tests. */
  retry?: Omit<RetryPolicy, 'timeoutMs'>;
  /** Folder holding `extract-facts/` (default: the repository's `prompts/`). */
  promptsDir?: string;
  logger?: ExtractionLogger;
}

/** The part of a pino logger this module uses. */
export interface ExtractionLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** An LLM extraction, plus which dimension `rephrasedQuestion` asks about (for the merge to re-check). */
export interface LlmExtraction extends Extraction {
  rephrasedFor?: string;
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 8000;

/**
 * Extracts every dimension of the playbook from one visitor message with ONE structured model call
 * (plus at most one retry on a transient error). Facts are kept only when grounded in the visitor's
 * own words. Failures throw an `LlmCallError` (the CombinedExtractor falls back to rules on it).
 *
 * Timeout policy: a timeout opens the circuit breaker at once (threshold 1 for timeouts), while other
 * failures need 3 in a row. A timeout has already cost the visitor the full budget; with the usual
 * threshold the next visitors (or the same one, next turn) would each wait it again before the
 * breaker opens. Fast failures (429, 5xx, bad output) cost little, so they get the normal threshold.
 */
export class LlmExtractor implements Extractor {
  readonly name = 'llm';
  readonly breaker: CircuitBreaker;
  private readonly client: OpenAI;
  private readonly schema: ExtractionSchema;
  private readonly prompt: ExtractionPrompt;
  private readonly request: ChatRequestBuilder;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly playbook: Playbook,
    private readonly config: LlmExtractorConfig,
  ) {
    this.timeoutMs = config.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
    this.now = config.now ?? (() => new Date());
    // The SDK defaults (10 min timeout, 2 retries) are far too long for a chat: our policy replaces them.
    this.client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: this.timeoutMs });
    this.breaker = new CircuitBreaker({ ...config.breaker, now: () => this.now().getTime() });
    this.schema = buildExtractionSchema(playbook, { rephrase: config.rephrase });
    this.prompt = new ExtractionPrompt(playbook, config.rephrase, config.promptsDir);
    this.request = new ChatRequestBuilder(config.model ?? DEFAULT_LLM_MODEL, config.structuredOutput ?? 'json_schema', this.prompt.config, this.schema);
  }

  async extract(input: ExtractionInput): Promise<LlmExtraction> {
    if (input.text.trim() === '') return { facts: [], knockouts: [], contact: {}, usage: zeroUsage(), extractor: this.name };
    // Built before asking the breaker, so a half-open trial slot is never taken by a call that cannot start.
    const body = this.request.build(this.prompt.build(input, this.now()));
    if (!this.breaker.tryAcquire()) {
      throw new LlmCallError('circuit_open', `LLM skipped for ${this.breaker.retryInMs} ms after repeated failures`);
    }
    let outcome: CallOutcome<OpenAI.Chat.Completions.ChatCompletion>;
    try {
      outcome = await callWithRetry(
        (signal) => this.client.chat.completions.create(body, { signal, maxRetries: 0, timeout: this.timeoutMs }),
        { ...this.config.retry, timeoutMs: this.timeoutMs },
        input.signal,
      );
    } catch (error) {
      const failure = error instanceof LlmCallError ? error : new LlmCallError('network', String(error), undefined, { cause: error });
      if (failure.reason === 'aborted') this.breaker.release();
      else this.breaker.failure({ trip: failure.reason === 'timeout' });
      throw failure;
    }
    const completion = outcome.value;
    const usage: LlmUsage = {
      llmCalls: outcome.attempts,
      tokensIn: completion.usage?.prompt_tokens ?? 0,
      tokensOut: completion.usage?.completion_tokens ?? 0,
    };
    const cached = completion.usage?.prompt_tokens_details?.cached_tokens;
    if (cached) usage.tokensCached = cached;
    const output = this.request.readOutput(completion);
    if (output.refusal !== undefined) {
      this.breaker.failure();
      throw new LlmCallError('refused', 'the model refused to answer', usage);
    }
    const parsed = parseModelOutput(output.text, this.schema);
    if (!parsed.ok) {
      this.breaker.failure();
      throw new LlmCallError(parsed.problem, parsed.detail, usage);
    }
    this.breaker.success();

    const messages = visitorMessages(input);
    const grounded = groundExtraction(modelOutputToCandidates(parsed.value, this.playbook, input.turn), messages);
    if (grounded.dropped.length > 0) {
      // Ids and reasons only: the visitor's words stay out of the logs.
      this.config.logger?.warn({ dropped: grounded.dropped, turn: input.turn }, 'llm facts dropped: not grounded in the visitor text');
    }
    const extraction: LlmExtraction = {
      facts: grounded.facts,
      knockouts: grounded.knockouts,
      contact: grounded.contact,
      usage,
      extractor: this.name,
    };
    const rephrasing = parsed.value.rephrasedQuestion;
    if (this.config.rephrase && rephrasing) {
      const text = acceptRephrasing(rephrasing.text, {
        playbook: this.playbook,
        instructionTexts: this.prompt.instructionTexts(input.locale),
        maxChars: this.prompt.config.rephraseMaxChars,
      });
      // The merge with the rules facts re-checks that it targets the question the dialog really asks next.
      if (text && this.playbook.dimensions.some((dimension) => dimension.id === rephrasing.dimension)) {
        extraction.rephrasedQuestion = text;
        extraction.rephrasedFor = rephrasing.dimension;
      }
    }
    return extraction;
  }
}

/** History then the current message, with their turns (history holds the messages just before this one). */
function visitorMessages(input: ExtractionInput): VisitorMessage[] {
  const first = input.turn - input.history.length;
  return [...input.history.map((text, index) => ({ text, turn: first + index })), { text: input.text, turn: input.turn }];
}

function zeroUsage(): LlmUsage {
  return { llmCalls: 0, tokensIn: 0, tokensOut: 0 };
}
