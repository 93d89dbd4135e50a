import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Reads a current value at scrape time (queue sizes live in the database, not in memory). */
export type GaugeSource = () => Promise<Record<string, number> | number>;

/**
 * Every Prometheus metric Qualibot exposes, on a registry of its own (several apps can live in one
 * test process without clashing).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({ name: 'qualibot_turns_total', help: 'Turns processed', labelNames: ['channel', 'type', 'outcome'], registers: [this.registry] });
  readonly turnDuration = new Histogram({
    name: 'qualibot_turn_duration_seconds',
    help: 'Time to process one turn, replies included',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly extractionDuration = new Histogram({
    name: 'qualibot_extraction_duration_seconds',
    help: 'Time to extract facts from one visitor message',
    labelNames: ['extractor'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 4, 8, 16],
    registers: [this.registry],
  });
  readonly llmCalls = new Counter({ name: 'qualibot_llm_calls_total', help: 'LLM calls made', registers: [this.registry] });
  readonly llmTokens = new Counter({ name: 'qualibot_llm_tokens_total', help: 'LLM tokens', labelNames: ['direction'], registers: [this.registry] });
  readonly llmErrors = new Counter({ name: 'qualibot_llm_errors_total', help: 'LLM failures that fell back to rules', labelNames: ['reason'], registers: [this.registry] });
  readonly loginFailures = new Counter({ name: 'qualibot_login_failures_total', help: 'Failed SDR logins (wrong email or password)', labelNames: ['reason'], registers: [this.registry] });
  readonly routes = new Counter({ name: 'qualibot_routes_total', help: 'Leads decided, by route', labelNames: ['route', 'reason'], registers: [this.registry] });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'qualibot_' });
  }

  /** A gauge whose value is read from `source` at each scrape; `labelName` splits a record result. */
  addGauge(name: string, help: string, source: GaugeSource, labelName?: string): void {
    new Gauge({
      name,
      help,
      labelNames: labelName ? [labelName] : [],
      registers: [this.registry],
      async collect() {
        const value = await source().catch(() => undefined);
        if (value === undefined) return;
        if (typeof value === 'number') this.set(value);
        else for (const [label, count] of Object.entries(value)) this.set({ [labelName ?? 'label']: label }, count);
      },
    });
  }
}
