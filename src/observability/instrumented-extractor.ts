import type { Extraction, ExtractionInput, Extractor } from '../extraction/extractor.js';
import type { Metrics } from './metrics.js';

/** Decorates any extractor with latency, LLM usage and fallback metrics. */
export class InstrumentedExtractor implements Extractor {
  constructor(
    private readonly inner: Extractor,
    private readonly metrics: Metrics,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  async extract(input: ExtractionInput): Promise<Extraction> {
    const stop = this.metrics.extractionDuration.startTimer({ extractor: this.inner.name });
    const extraction = await this.inner.extract(input);
    stop();
    if (extraction.usage.llmCalls) this.metrics.llmCalls.inc(extraction.usage.llmCalls);
    if (extraction.usage.tokensIn) this.metrics.llmTokens.inc({ direction: 'in' }, extraction.usage.tokensIn);
    if (extraction.usage.tokensOut) this.metrics.llmTokens.inc({ direction: 'out' }, extraction.usage.tokensOut);
    const fallback = /llm fallback: ([^)]+)/.exec(extraction.extractor)?.[1];
    if (fallback) this.metrics.llmErrors.inc({ reason: fallback.slice(0, 40) });
    return extraction;
  }
}
