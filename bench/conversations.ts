import { AsyncLocalStorage } from 'node:async_hooks';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ActivityTypes, TestAdapter, type TurnContext } from 'botbuilder';
import OpenAI from 'openai';
import { buildBot, type BotParts } from '../src/bot/build-bot.js';
import type { QualibotBot } from '../src/bot/qualibot-bot.js';
import { loadConfig } from '../src/config.js';
import { createExtractor } from '../src/extraction/create-extractor.js';
import type { Extraction, ExtractionInput, Extractor } from '../src/extraction/extractor.js';
import { createLogger } from '../src/logger.js';
import { loadPlaybook } from '../src/playbook/loader.js';
import { readLabelledCase, type LabelledCase } from '../src/replay/labelled-case.js';
import { replayCase, type ReplayResult } from '../src/replay/replay-engine.js';
import { startFakeLlm } from './lib/fake-llm.js';
import { fmt, mean, msSince, percentile, table } from './lib/stats.js';
import { WaterfallBot } from './lib/waterfall-bot.js';

const CASES_DIR = 'test/conversations';

export interface ConversationBenchOptions {
  /** Passes over the labelled set in rules mode (more passes, steadier figures). */
  passes: number;
  /** Only the first N cases (smoke). */
  caseLimit?: number;
  /** The fake model's fixed latency L. */
  llmLatencyMs: number;
  /** Conversations replayed at once in the LLM throughput run (each mostly waits for the model). */
  llmConcurrency: number;
  /** Cases replayed one at a time in LLM mode, for the latency over L without queueing. */
  llmSerialCases: number;
}

export interface ReplayRun {
  conversations: number;
  turns: number;
  /** Visitor turns of each conversation, in the order they ran. */
  turnsPerConversation: number[];
  seconds: number;
  /** Message turns only (the conversationUpdate greeting is not a visitor turn). */
  turnMs: number[];
  /** The message turns that made at least one LLM call (the others never waited for the model). */
  llmTurnMs: number[];
  /** Conversations whose route is the labelled one. */
  asLabelled: number;
  llmCalls: number;
  tokensIn: number;
  tokensCached: number;
  tokensOut: number;
  /** Extractions by the extractor that produced them, e.g. `llm+rules`, `rules (llm fallback: timeout)`. */
  extractors: Record<string, number>;
}

export interface ConversationBenchReport {
  cases: number;
  rules: ReplayRun;
  waterfall: ReplayRun;
  /** LLM mode, one conversation at a time (a subset of the cases): the overhead over L, nothing queued. */
  llmSerial: ReplayRun;
  /** LLM mode, `concurrency` conversations at a time, every case. */
  llm: ReplayRun;
  latencyMs: number;
  concurrency: number;
  /** The bare openai SDK against the same fake at the same latency: the floor of an LLM turn. */
  sdkCallMs: number[];
}

function loadCases(limit?: number): LabelledCase[] {
  const files = readdirSync(CASES_DIR).filter((name) => name.endsWith('.json')).sort();
  return files.slice(0, limit ?? files.length).map((name) => readLabelledCase(join(CASES_DIR, name)));
}

/** The LLM calls made by the turn running in this async context. */
const currentTurn = new AsyncLocalStorage<{ llmCalls: number }>();

/** Counts which extractor answered each message (fallbacks would otherwise go unnoticed) and the turn's LLM calls. */
class TallyingExtractor implements Extractor {
  readonly tally: Record<string, number> = {};
  constructor(private readonly inner: Extractor) {}
  get name(): string {
    return this.inner.name;
  }
  async extract(input: ExtractionInput): Promise<Extraction> {
    const extraction = await this.inner.extract(input);
    this.tally[extraction.extractor] = (this.tally[extraction.extractor] ?? 0) + 1;
    const turn = currentTurn.getStore();
    if (turn) turn.llmCalls += extraction.usage.llmCalls;
    return extraction;
  }
}

/** The same bot parts, with the duration of every message turn recorded (and, apart, of those that called the LLM). */
function timed(parts: BotParts, samples: number[], llmSamples: number[]): BotParts {
  const bot = Object.create(parts.bot) as QualibotBot;
  bot.run = async (context: TurnContext) => {
    const turn = { llmCalls: 0 };
    const start = process.hrtime.bigint();
    await currentTurn.run(turn, () => parts.bot.run(context));
    if (context.activity.type !== ActivityTypes.Message) return;
    samples.push(msSince(start));
    if (turn.llmCalls > 0) llmSamples.push(msSince(start));
  };
  return { ...parts, bot };
}

/** Replays every case `passes` times, `concurrency` conversations at a time. */
async function replayAll(parts: BotParts, tally: TallyingExtractor, cases: readonly LabelledCase[], passes: number, concurrency: number): Promise<ReplayRun> {
  const logger = createLogger('silent');
  const turnMs: number[] = [];
  const llmTurnMs: number[] = [];
  const bot = timed(parts, turnMs, llmTurnMs);
  const results: Array<{ labelled: LabelledCase; result: ReplayResult }> = [];
  for (const key of Object.keys(tally.tally)) delete tally.tally[key];
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let labelled = queue.shift(); labelled; labelled = queue.shift()) results.push({ labelled, result: await replayCase(bot, labelled, logger) });
      }),
    );
  }
  const seconds = msSince(start) / 1000;
  const sum = (pick: (result: ReplayResult) => number) => results.reduce((total, { result }) => total + pick(result), 0);
  return {
    conversations: results.length,
    turns: sum((result) => result.turns),
    turnsPerConversation: results.map(({ result }) => result.turns),
    seconds,
    turnMs,
    llmTurnMs,
    asLabelled: results.filter(({ labelled, result }) => labelled.expect && labelled.expect.route === result.route && (!labelled.expect.handoffReason || labelled.expect.handoffReason === result.handoffReason)).length,
    llmCalls: sum((result) => result.llmCalls),
    tokensIn: sum((result) => result.tokensIn),
    tokensCached: sum((result) => result.tokensCached),
    tokensOut: sum((result) => result.tokensOut),
    extractors: { ...tally.tally },
  };
}

/** Baseline: the bare waterfall bot through the same TestAdapter, for the same number of visitor turns per conversation. */
async function replayWaterfall(turnsPerConversation: readonly number[]): Promise<ReplayRun> {
  const bot = new WaterfallBot();
  const turnMs: number[] = [];
  const start = process.hrtime.bigint();
  for (const [index, turns] of turnsPerConversation.entries()) {
    const adapter = new TestAdapter({
      channelId: 'replay',
      serviceUrl: 'https://replay.invalid',
      conversation: { id: `waterfall-${index}`, isGroup: false, conversationType: 'personal', name: 'waterfall' },
      user: { id: 'visitor', name: 'Visitor' },
      bot: { id: 'bot', name: 'Bot' },
    });
    await adapter.processActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'visitor', name: 'Visitor' }] }, (context) => bot.run(context));
    for (let turn = 0; turn < turns; turn++) {
      const turnStart = process.hrtime.bigint();
      await adapter.processActivity({ type: ActivityTypes.Message, text: `answer ${turn}` }, (context) => bot.run(context));
      turnMs.push(msSince(turnStart));
      adapter.activeQueue.splice(0);
    }
  }
  const turns = turnsPerConversation.reduce((total, value) => total + value, 0);
  return { conversations: turnsPerConversation.length, turns, turnsPerConversation: [...turnsPerConversation], seconds: msSince(start) / 1000, turnMs, llmTurnMs: [], asLabelled: 0, llmCalls: 0, tokensIn: 0, tokensCached: 0, tokensOut: 0, extractors: {} };
}

/** Section 2: labelled conversations through the replay engine, rules mode and LLM mode (fake model at latency L). */
export async function runConversations(options: ConversationBenchOptions): Promise<ConversationBenchReport> {
  const logger = createLogger('silent');
  const playbook = loadPlaybook('champ');
  const cases = loadCases(options.caseLimit);

  const rulesExtractor = new TallyingExtractor(createExtractor(loadConfig({ LOG_LEVEL: 'silent' }), playbook, logger));
  const rulesParts = buildBot({ playbook, extractor: rulesExtractor, logger });
  // Warm-up pass, not measured: JIT, and the lazily built recognizer models every case's messages need.
  await replayAll(rulesParts, rulesExtractor, cases, 1, 1);
  const rules = await replayAll(rulesParts, rulesExtractor, cases, options.passes, 1);

  // The same number of visitor turns per conversation as the rules run, through the bare waterfall.
  const waterfall = await replayWaterfall(rules.turnsPerConversation);

  const fake = await startFakeLlm({ fixedMs: options.llmLatencyMs });
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent', OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.baseURL });
    const llmExtractor = new TallyingExtractor(createExtractor(config, playbook, logger));
    const llmParts = buildBot({ playbook, extractor: llmExtractor, logger });
    // Warm-up pass, not measured: SDK and connections, and the fake model's answers (it computes each
    // one once with the rules extractor, in this process: CPU a real model would not take from us).
    await replayAll(llmParts, llmExtractor, cases, 1, options.llmConcurrency);
    const llmSerial = await replayAll(llmParts, llmExtractor, cases.slice(0, options.llmSerialCases), 1, 1);
    const llm = await replayAll(llmParts, llmExtractor, cases, 1, options.llmConcurrency);

    // Baseline: the last extraction request (same prompt and schema), sent again through the bare SDK.
    const client = new OpenAI({ apiKey: 'bench-key', baseURL: fake.baseURL, maxRetries: 0 });
    const body = fake.lastBody()!;
    const sdkCallMs: number[] = [];
    for (let call = 0; call < 30; call++) {
      const start = process.hrtime.bigint();
      await client.chat.completions.create({ ...(body as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming), stream: false });
      sdkCallMs.push(msSince(start));
    }
    return { cases: cases.length, rules, waterfall, llmSerial, llm, latencyMs: options.llmLatencyMs, concurrency: options.llmConcurrency, sdkCallMs };
  } finally {
    await fake.close();
  }
}

/** Per-conversation and per-turn figures of a run, for the report; with `minusMs` (L), only the turns that called the LLM, minus L. */
export function describeRun(run: ReplayRun, minusMs = 0) {
  return {
    conversationsPerSecond: run.conversations / run.seconds,
    turnsPerSecond: run.turns / run.seconds,
    p50: percentile(minusMs ? run.llmTurnMs : run.turnMs, 50) - minusMs,
    p99: percentile(minusMs ? run.llmTurnMs : run.turnMs, 99) - minusMs,
    meanTurns: run.turns / run.conversations,
    callsPerConversation: run.llmCalls / run.conversations,
    tokensInPerConversation: run.tokensIn / run.conversations,
    tokensCachedPerConversation: run.tokensCached / run.conversations,
    tokensOutPerConversation: run.tokensOut / run.conversations,
    meanTurnMs: mean(minusMs ? run.llmTurnMs : run.turnMs) - minusMs,
    llmTurns: run.llmTurnMs.length,
  };
}

/** US$ per million tokens; defaults are a small model's list prices (gpt-4o-mini). */
const PRICES = {
  input: Number(process.env.BENCH_PRICE_INPUT ?? 0.15),
  cached: Number(process.env.BENCH_PRICE_CACHED ?? 0.075),
  output: Number(process.env.BENCH_PRICE_OUTPUT ?? 0.6),
};

function describePrices(prices: typeof PRICES): string {
  return `$${prices.input} / $${prices.cached} cached / $${prices.output} out per million tokens`;
}

function costPerConversation(run: { tokensInPerConversation: number; tokensCachedPerConversation: number; tokensOutPerConversation: number }, prices: typeof PRICES): number {
  const uncached = run.tokensInPerConversation - run.tokensCachedPerConversation;
  return (uncached * prices.input + run.tokensCachedPerConversation * prices.cached + run.tokensOutPerConversation * prices.output) / 1e6;
}

/** Section 2 as Markdown. */
export function renderConversations(report: ConversationBenchReport): string {
  const L = report.latencyMs;
  const rules = describeRun(report.rules);
  const waterfall = describeRun(report.waterfall);
  const llm = describeRun(report.llm);
  const labelled = (run: ReplayRun) => `${run.asLabelled}/${run.conversations}`;
  const throughputRows = [
    ['bare waterfall, same visitor turns (baseline)', fmt(waterfall.conversationsPerSecond), fmt(waterfall.turnsPerSecond, 0), fmt(waterfall.p50, 2), fmt(waterfall.p99, 2), 'n/a'],
    ['Qualibot, rules', fmt(rules.conversationsPerSecond), fmt(rules.turnsPerSecond, 0), fmt(rules.p50, 2), fmt(rules.p99, 2), labelled(report.rules)],
    [`Qualibot, LLM (fake model, L = ${L} ms, ${report.concurrency} at a time)`, fmt(llm.conversationsPerSecond), fmt(llm.turnsPerSecond, 0), fmt(percentile(report.llm.turnMs, 50), 1), fmt(percentile(report.llm.turnMs, 99), 1), labelled(report.llm)],
  ];
  const overhead = (samples: number[]) => [fmt(percentile(samples, 50) - L, 1), fmt(percentile(samples, 99) - L, 1), String(samples.length)];
  const latencyRows = [
    ['bare openai SDK, same request, same fake (baseline)', ...overhead(report.sdkCallMs)],
    ['Qualibot LLM turn, one conversation at a time', ...overhead(report.llmSerial.llmTurnMs)],
    [`Qualibot LLM turn, ${report.concurrency} conversations at a time`, ...overhead(report.llm.llmTurnMs)],
  ];
  const fallbacks = Object.entries(report.llm.extractors).map(([name, count]) => `\`${name}\` ${count}`).join(', ');
  return [
    `## 2. Qualification conversations through the replay engine (${report.cases} labelled cases, in-memory state as \`qualibot eval\` runs)`,
    '',
    table(['mode', 'conversations/s', 'turns/s', 'turn p50 ms', 'turn p99 ms', 'routes as labelled'], throughputRows),
    '',
    `Rules mode replays every case ${report.rules.conversations / report.cases} time(s) in a row; turns are visitor messages (${fmt(rules.meanTurns)} per conversation). The baseline plays the same number of turns per conversation through a bare two-question WaterfallDialog on the same TestAdapter.`,
    '',
    `### LLM mode: turn latency minus L (fake OpenAI-compatible server answering in exactly L = ${L} ms)`,
    '',
    table(['', `p50 − L (ms)`, `p99 − L (ms)`, 'turns'], latencyRows),
    '',
    `- LLM calls per conversation: **${fmt(llm.callsPerConversation, 2)}**; tokens per conversation: **${fmt(llm.tokensInPerConversation, 0)} in (${fmt(llm.tokensCachedPerConversation, 0)} of them served from the prompt cache) / ${fmt(llm.tokensOutPerConversation, 0)} out** (the fake counts 1 token per 4 characters of the messages it receives and returns, and reports cached prefixes as OpenAI does: from 1,024 tokens, in steps of 128).`,
    `- Cost per conversation at ${describePrices(PRICES)}: **$${fmt(costPerConversation(llm, PRICES), 5)}** (without the cache: $${fmt(costPerConversation({ ...llm, tokensCachedPerConversation: 0 }, PRICES), 5)}); set BENCH_PRICE_INPUT, BENCH_PRICE_CACHED, BENCH_PRICE_OUTPUT (US$ per million tokens) for another model.`,
    `- Extractions by extractor: ${fallbacks || 'none'} (a \`(llm fallback: …)\` entry would mean the model answer was not used).`,
    '- The fake model answers what the rules extractor reads in the fenced visitor message, so routes match rules mode; the figures measure the call path, not a model.',
    `- With ${report.concurrency} conversations at a time and a fixed L, the model's answers arrive together and the turns' CPU work queues up behind each other: that, not the model, is the difference with the one-at-a-time row.`,
  ].join('\n');
}
