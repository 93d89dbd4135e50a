import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readLabelledCase, type LabelledCase } from '../src/replay/labelled-case.js';
import { BENCH_LIMITS_ENV } from './lib/bench-env.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { startFakeLlm } from './lib/fake-llm.js';
import { spawnServer, type EventLoopDelay, type RunningServer } from './lib/spawn-server.js';
import { fmt, percentile, table } from './lib/stats.js';
import { answererFor, WidgetVisitor } from './lib/widget-visitor.js';

const CASES_DIR = 'test/conversations';

/** How fast visitors answer: a uniform random "typing" time before each message. */
export interface Pace {
  name: string;
  thinkMinMs: number;
  thinkMaxMs: number;
  /** Each visitor first waits a uniform random 0..startSpreadMs (0: everyone answers the first question at once). */
  startSpreadMs: number;
}

export interface WidgetBenchOptions {
  /** Simultaneous visitors (sessions + sockets + conversations). */
  visitors: number;
  /** The fake model answers after a uniform random delay in this range. */
  llmMinMs: number;
  llmMaxMs: number;
  /** Each pace is one run of `visitors` conversations, on the same server, one after the other. */
  paces: Pace[];
  /** Extra node flags for the Qualibot child, e.g. `--cpu-prof` to see where a slow run spends its time. */
  qualibotNodeArgs?: string[];
  /** Skip the bare relay baseline (profiling runs). */
  skipRelay?: boolean;
  /** Qualibot's storage: SQLite under a temporary DATA_DIR (default), or a fresh PostgreSQL database dropped afterwards. */
  engine?: 'sqlite' | 'postgres';
  /** Qualibot processes sharing that database (more than one needs PostgreSQL); visitors are spread round-robin over them. */
  instances?: number;
}

export interface WidgetRun {
  server: string;
  pace: Pace;
  visitors: number;
  /** Visitors whose session, socket and greeting all worked. */
  connected: number;
  /** Conversations that ended with a route announced. */
  routed: number;
  messages: number;
  ackMs: number[];
  replyMs: number[];
  /** Error kind → count. */
  errors: Record<string, number>;
  /** Server RSS once idle (before this run), at its highest during it, and with every conversation done (sockets still open); summed over the instances. */
  rssIdle?: number;
  rssPeak?: number;
  rssAfter?: number;
  /** Heap in use after a full GC: before this run, and with every conversation done (sockets still open); summed over the instances. */
  heapIdle?: number;
  heapAfter?: number;
  /** Time to connect everyone, and to run every conversation once all were connected. */
  connectSeconds: number;
  conversationSeconds: number;
  /** Server CPU used while the conversations ran, as a share of one core (1 = one core busy the whole time), all instances together. */
  cpuCores?: number;
  /** The same, instance by instance (one entry per instance). */
  cpuCoresPerInstance?: Array<number | undefined>;
  /** Server event-loop delay while the conversations ran (the worst instance's). */
  loop?: EventLoopDelay;
  /** The bench process's own event-loop delay meanwhile (visitors' sockets and the fake model live there): a slow client would inflate every figure. */
  clientLoop: EventLoopDelay;
  /** Model calls during the run (Qualibot only). */
  llmCalls?: number;
}

export interface WidgetBenchReport {
  options: WidgetBenchOptions;
  /** One run per pace. */
  qualibot: WidgetRun[];
  /** One run per pace; empty only when `skipRelay` was set. */
  relay: WidgetRun[];
}

function loadCases(): LabelledCase[] {
  return readdirSync(CASES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readLabelledCase(join(CASES_DIR, name)));
}

const between = (min: number, max: number) => () => min + Math.random() * (max - min);

/** Runs `count` tasks, at most `limit` at a time. */
async function pool(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** A few full conversations, not measured: JIT, lazy modules, first SQLite pages. */
async function warmUp(server: RunningServer, cases: readonly LabelledCase[]): Promise<void> {
  const warm = cases.slice(0, 3).map((labelled) => ({ labelled, visitor: new WidgetVisitor(server.url, labelled.locale ?? 'fr-FR') }));
  await Promise.all(warm.map(async ({ labelled, visitor }) => (await visitor.connect()) && visitor.converse(answererFor(labelled), () => 0)));
  for (const { visitor } of warm) visitor.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The sum over the instances; undefined when any of them could not say. */
function total(values: ReadonlyArray<number | undefined>): number | undefined {
  return values.every((value): value is number => value !== undefined) ? values.reduce((sum, value) => sum + value, 0) : undefined;
}

/** One figure of every instance, asked at once. */
const askAll = <T>(servers: readonly RunningServer[], read: (server: RunningServer) => Promise<T>): Promise<T[]> => Promise.all(servers.map(read));
const heapUsed = async (server: RunningServer) => (await server.memory())?.heapUsed;
const rssBytes = (server: RunningServer) => server.rssBytes();

/** The worst instance's event-loop delay, percentile by percentile. */
function worstLoop(loops: ReadonlyArray<EventLoopDelay | undefined>): EventLoopDelay | undefined {
  const known = loops.filter((loop): loop is EventLoopDelay => loop !== undefined);
  return known.length === 0
    ? undefined
    : known.reduce((worst, loop) => ({ p50: Math.max(worst.p50, loop.p50), p99: Math.max(worst.p99, loop.p99), max: Math.max(worst.max, loop.max) }));
}

/**
 * All visitors connect (at most 50 handshakes in flight), then all converse at once; RSS is sampled throughout.
 * Visitors are dealt round-robin over `servers`, as a sticky load balancer would: a visitor's session and socket stay on one.
 */
async function drive(serverName: string, servers: readonly RunningServer[], cases: readonly LabelledCase[], visitorCount: number, pace: Pace): Promise<WidgetRun> {
  const think = between(pace.thinkMinMs, pace.thinkMaxMs);
  const heapIdle = total(await askAll(servers, heapUsed));
  const rssIdle = total(await askAll(servers, rssBytes));
  let rssPeak = rssIdle ?? 0;
  const sampler = setInterval(() => void askAll(servers, rssBytes).then((rss) => (rssPeak = Math.max(rssPeak, total(rss) ?? 0))), 250);
  const visitors = Array.from({ length: visitorCount }, (_, index) => {
    const labelled = cases[index % cases.length]!;
    return { labelled, visitor: new WidgetVisitor(servers[index % servers.length]!.url, labelled.locale ?? 'fr-FR') };
  });
  try {
    const connectStart = Date.now();
    const connected = new Set<number>();
    await pool(visitors.length, 50, async (index) => {
      if (await visitors[index]!.visitor.connect()) connected.add(index);
    });
    const connectSeconds = (Date.now() - connectStart) / 1000;
    const conversationStart = Date.now();
    const cpuBefore = await askAll(servers, (server) => server.cpuMs());
    await askAll(servers, (server) => server.eventLoopDelay()); // starts the window
    const clientLoop = monitorEventLoopDelay({ resolution: 10 });
    clientLoop.enable();
    await Promise.all(
      [...connected].map((index) => visitors[index]!.visitor.converse(answererFor(visitors[index]!.labelled), think, Math.random() * pace.startSpreadMs)),
    );
    const conversationSeconds = (Date.now() - conversationStart) / 1000;
    const loop = worstLoop(await askAll(servers, (server) => server.eventLoopDelay()));
    clientLoop.disable();
    const cpuAfter = await askAll(servers, (server) => server.cpuMs());
    const rssAfter = total(await askAll(servers, rssBytes));
    rssPeak = Math.max(rssPeak, rssAfter ?? 0);
    const heapAfter = total(await askAll(servers, heapUsed));
    const cpuCoresPerInstance = cpuAfter.map((after, index) => {
      const before = cpuBefore[index];
      return after !== undefined && before !== undefined ? (after - before) / 1000 / conversationSeconds : undefined;
    });

    const errors: Record<string, number> = {};
    for (const { visitor } of visitors) for (const error of visitor.outcome.errors) errors[error] = (errors[error] ?? 0) + 1;
    return {
      server: serverName,
      pace,
      visitors: visitors.length,
      connected: connected.size,
      routed: visitors.filter(({ visitor }) => visitor.outcome.route !== undefined).length,
      messages: visitors.reduce((total, { visitor }) => total + visitor.outcome.sent, 0),
      ackMs: visitors.flatMap(({ visitor }) => visitor.outcome.ackMs),
      replyMs: visitors.flatMap(({ visitor }) => visitor.outcome.replyMs),
      errors,
      rssIdle,
      rssPeak,
      rssAfter,
      heapIdle,
      heapAfter,
      connectSeconds,
      conversationSeconds,
      cpuCores: total(cpuCoresPerInstance),
      cpuCoresPerInstance,
      loop,
      clientLoop: { p50: clientLoop.percentile(50) / 1e6, p99: clientLoop.percentile(99) / 1e6, max: clientLoop.max / 1e6 },
    };
  } finally {
    clearInterval(sampler);
    for (const { visitor } of visitors) visitor.close();
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the server see the sockets close
  }
}

/**
 * Section 3: many simultaneous widget conversations on one Qualibot instance (LLM mode, the fake
 * model answering in llmMinMs–llmMaxMs), next to a bare `ws` relay with the same protocol and delays.
 * With `instances` > 1, that many Qualibot processes share one fresh PostgreSQL database.
 */
export async function runWidgetConcurrency(options: WidgetBenchOptions): Promise<WidgetBenchReport> {
  const instances = options.instances ?? 1;
  if (instances > 1 && options.engine !== 'postgres') throw new Error('Several instances need PostgreSQL: they share one database.');
  const cases = loadCases();
  const relay: WidgetRun[] = [];
  if (!options.skipRelay) {
    // --expose-gc: the servers run a full GC before reporting their heap, so retained memory is measured, not garbage.
    const env = { BENCH_REPLY_MIN_MS: String(options.llmMinMs), BENCH_REPLY_MAX_MS: String(options.llmMaxMs) };
    const relayServer = await spawnServer('bench/lib/ws-relay-server.ts', env, ['--expose-gc']);
    try {
      for (const pace of options.paces) relay.push(await drive('bare ws relay', [relayServer], cases, options.visitors, pace));
    } finally {
      await relayServer.stop();
    }
  }

  const database = options.engine === 'postgres' ? await createBenchDatabase() : undefined;
  if (database && 'unavailable' in database) throw new Error(`PostgreSQL: ${database.unavailable}`);
  const fake = await startFakeLlm({ minMs: options.llmMinMs, maxMs: options.llmMaxMs });
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-'));
  const servers: RunningServer[] = [];
  try {
    const env = { DATA_DIR: dataDir, ...(database && { DATABASE_URL: database.url }), OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.baseURL, ...BENCH_LIMITS_ENV };
    // One after the other, so each start-up (and its model warm-up) runs alone. Starting at once would be safe
    // too: PostgreSQL migrations serialise on an advisory lock (test/storage/postgres.test.ts).
    for (let started = 0; started < instances; started++) servers.push(await spawnServer('bench/lib/qualibot-server.ts', env, ['--expose-gc', ...(options.qualibotNodeArgs ?? [])]));
    await Promise.all(servers.map((server) => warmUp(server, cases)));
    const qualibot: WidgetRun[] = [];
    for (const pace of options.paces) {
      const callsBefore = fake.calls();
      const run = await drive('Qualibot', servers, cases, options.visitors, pace);
      qualibot.push({ ...run, llmCalls: fake.calls() - callsBefore });
    }
    return { options, relay, qualibot };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fake.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : fmt(bytes / 2 ** 20, 0));
const kibPer = (after: number | undefined, before: number | undefined, count: number) =>
  after === undefined || before === undefined ? 'n/a' : fmt((after - before) / 1024 / Math.max(1, count), 0);

/** Errors of a run, failed connections included. */
export function widgetErrors(run: WidgetRun): number {
  return Object.values(run.errors).reduce((total, count) => total + count, 0) + (run.visitors - run.connected);
}

/** Section 3 as Markdown. */
export function renderWidgetConcurrency(report: WidgetBenchReport): string {
  const { options } = report;
  const visitors = options.visitors.toLocaleString('en-US');
  const instances = options.instances ?? 1;
  const storage = `${options.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}${instances > 1 ? `, ${instances} instances` : ''}`;
  const runs = options.paces.flatMap((pace) => [...report.relay, ...report.qualibot].filter((run) => run.pace === pace));
  const label = (run: WidgetRun) => (run.server === 'Qualibot' ? `**Qualibot** (LLM mode, ${storage}), ${run.pace.name}` : `bare \`ws\` relay (baseline), ${run.pace.name}`);
  const cores = (run: WidgetRun) => {
    const shares = run.cpuCoresPerInstance ?? [];
    const each = shares.length > 1 ? ` (${shares.map((share) => fmt(share ?? NaN, 2)).join(' + ')})` : '';
    return run.cpuCores === undefined ? 'n/a' : `${fmt(run.cpuCores, 2)}${each}`;
  };
  const rows = runs.map((run) => [
    label(run),
    `${run.connected}/${run.visitors}`,
    String(run.messages),
    `${fmt(percentile(run.ackMs, 50), 1)} / **${fmt(percentile(run.ackMs, 95), 1)}**`,
    `${fmt(percentile(run.replyMs, 50), 0)} / **${fmt(percentile(run.replyMs, 95), 0)}**`,
    String(widgetErrors(run)),
    run.loop ? `${fmt(run.loop.p99, 0)} / ${fmt(run.loop.max, 0)}` : 'n/a',
    cores(run),
    fmt(run.messages / run.conversationSeconds, 0),
  ]);
  // Memory from each server's first run: later runs start from a heap the first one already grew.
  const firstRuns = [report.relay[0], report.qualibot[0]].filter((run): run is WidgetRun => run !== undefined);
  const memoryRows = firstRuns.map((run) => [
    run.server,
    `${mib(run.rssIdle)} → ${mib(run.rssAfter)} (peak ${mib(run.rssPeak)})`,
    `**${kibPer(run.rssAfter, run.rssIdle, run.connected)}**`,
    `${mib(run.heapIdle)} → ${mib(run.heapAfter)}`,
    kibPer(run.heapAfter, run.heapIdle, run.connected),
  ]);
  const errorKinds = runs.flatMap((run) => Object.entries(run.errors).map(([kind, count]) => `${label(run)}: ${kind} × ${count}`));
  const facts = report.qualibot.map((run) => {
    // CPU per message, extrapolated: the visitor-message rate at which one instance would keep one core busy.
    const cpuMsPerMessage = run.cpuCores === undefined ? NaN : (run.cpuCores * run.conversationSeconds * 1000) / run.messages;
    return `- Qualibot, ${run.pace.name}: ${run.routed} conversations reached a route (the others are visitors who leave half-way, as labelled), ${run.llmCalls ?? 'n/a'} model calls; ${fmt(cpuMsPerMessage)} server CPU ms per visitor message, so one instance would fill one core at ≈ ${fmt(1000 / cpuMsPerMessage, 0)} visitor messages/s; connecting everyone took ${fmt(run.connectSeconds)} s and the conversations ${fmt(run.conversationSeconds)} s; the bench process's own event-loop delay stayed at p99 ${fmt(run.clientLoop.p99, 0)} ms / max ${fmt(run.clientLoop.max, 0)} ms (the load generator is not what is measured).`;
  });
  return [
    `## 3. ${visitors} simultaneous widget conversations on ${instances > 1 ? `${instances} instances sharing one PostgreSQL database` : 'one instance'}`,
    '',
    `Every visitor is a real widget client (\`ws\`, from the bench process): it opens a session, connects the socket, waits for the greeting, then answers each question like a labelled case (the visitors cycle through the labelled set). All ${visitors} connect first (50 handshakes in flight), then all converse at once. The fake model answers in ${options.llmMinMs}–${options.llmMaxMs} ms. Per-socket limits are the defaults (WIDGET_MESSAGES_PER_MINUTE); the per-IP session limit is off since every visitor is 127.0.0.1. Paces: ${options.paces.map((pace) => `*${pace.name}* = ${pace.thinkMinMs}–${pace.thinkMaxMs} ms of typing before each answer, first answers spread over ${fmt(pace.startSpreadMs / 1000, 0)} s`).join('; ')}.${
      instances > 1
        ? ` Qualibot runs as ${instances} processes on one PostgreSQL database; visitors are dealt round-robin over them as a sticky load balancer would (a visitor's session and socket on one instance). Server CPU is their sum, each instance's share in brackets; memory is summed over them; the event-loop delay is the worst instance's.`
        : ''
    }`,
    '',
    table(['server, pace', 'connected', 'messages', 'ack p50 / p95 ms', 'turn reply p50 / p95 ms', 'errors', 'event-loop delay p99 / max ms', 'server CPU (cores)', 'visitor messages/s (mean)'], rows),
    '',
    "Ack = postActivity → the server's echo of that message; turn reply = postActivity → the first bot message after it (it includes the model's 1–3 s).",
    ...facts,
    '',
    table(['server (first run)', 'RSS MiB idle → all done', 'RSS per conversation (KiB)', 'heap after full GC, MiB', 'retained heap per conversation (KiB)'], memoryRows),
    '',
    'RSS per conversation = (RSS with every conversation done, sockets still open − idle RSS) / conversations; it includes garbage not yet collected. The heap columns are measured after a forced full GC (the servers run with --expose-gc), so they show what a conversation really keeps.',
    ...(errorKinds.length ? ['', `Errors: ${errorKinds.join('; ')}.`] : []),
  ].join('\n');
}
