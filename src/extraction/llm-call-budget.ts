import type { Logger } from '../logger.js';
import type { Extraction, ExtractionInput, Extractor } from './extractor.js';

/** Conversations whose spending is remembered at once (an abuse limit must not itself grow without bound). */
const MAX_CONVERSATIONS = 10_000;

/**
 * LLM calls spent per conversation (keyed by its lead), in memory and bounded (the least recently active conversation
 * is forgotten first). `limit` 0 = no budget.
 */
export class LlmCallBudget {
  private readonly spent = new Map<string, number>();

  constructor(
    readonly limit: number,
    private readonly maxKeys = MAX_CONVERSATIONS,
  ) {}

  allows(leadId: string): boolean {
    return this.limit <= 0 || (this.spent.get(leadId) ?? 0) < this.limit;
  }

  spend(leadId: string, calls: number): void {
    if (this.limit <= 0 || calls <= 0) return;
    const total = (this.spent.get(leadId) ?? 0) + calls;
    this.spent.delete(leadId);
    this.spent.set(leadId, total);
    if (this.spent.size > this.maxKeys) this.spent.delete(this.spent.keys().next().value!);
  }

  spentBy(leadId: string): number {
    return this.spent.get(leadId) ?? 0;
  }
}

/**
 * Wraps the LLM-backed extractor: once a conversation has used its LLM-call budget, its next
 * messages are read by the rules extractor alone (`rules (llm skipped: budget)`), so one visitor
 * cannot run up the model bill. The conversation is the message's lead (one per conversation).
 */
export class LlmBudgetExtractor implements Extractor {
  constructor(
    private readonly full: Extractor,
    private readonly rulesOnly: Extractor,
    private readonly budget: LlmCallBudget,
    private readonly logger?: Pick<Logger, 'warn'>,
    private readonly onSkipped?: () => void,
  ) {}

  get name(): string {
    return this.full.name;
  }

  async extract(input: ExtractionInput): Promise<Extraction> {
    // Keyed by lead, not read from an AsyncLocalStorage turn scope: that would slow every promise of the process.
    const leadId = input.leadId;
    if (leadId === undefined) return this.full.extract(input);
    if (!this.budget.allows(leadId)) {
      this.onSkipped?.();
      const rules = await this.rulesOnly.extract(input);
      return { ...rules, extractor: `${rules.extractor} (llm skipped: budget)` };
    }
    const extraction = await this.full.extract(input);
    this.budget.spend(leadId, extraction.usage.llmCalls);
    if (!this.budget.allows(leadId)) {
      this.logger?.warn({ leadId, limit: this.budget.limit }, 'llm call budget used up: rules only for the rest of this conversation');
    }
    return extraction;
  }
}
