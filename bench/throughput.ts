import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_LIMITS_ENV } from './lib/bench-env.js';
import type { ProfileSummary } from './lib/cpu-profile.js';
import { messageActivity, QUALIFICATION_SCRIPT } from './lib/qualification-script.js';
import { startReplySink } from './lib/reply-sink.js';
import { spawnServer, type RunningServer } from './lib/spawn-server.js';
import { fmt, table } from './lib/stats.js';

// Each conversation plays the script once, then a new one starts.
const SCRIPT = QUALIFICATION_SCRIPT;

export interface ThroughputResult {
  name: string;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  replies: number;
  /** Completed turns (2xx answers) during the measured run. */
  turns: number;
  /** Server CPU time per turn (user + system), when /proc is readable. */
  cpuMsPerTurn?: number;
  /** How long the server's event loop stayed busy after it started listening (bench/lib/qualibot-server.ts). */
  busyAfterListenMs?: number;
}

export interface ThroughputOptions {
  durationSeconds: number;
  connections: number;
  /** Unmeasured load before the measured run (JIT, connections); default 1 s, 0 skips it. */
  warmupSeconds?: number;
  /** A fixed number of turns instead of `durationSeconds` (bench/turn-cost.ts: the same mix of turns whatever the machine's load). */
  amount?: number;
  /** With `amount`: unmeasured turns first (JIT, connections, lazy start-up work), instead of `warmupSeconds`. */
  warmupAmount?: number;
  /** Which servers to run, in this order (default: all three). */
  servers?: readonly ThroughputServer[];
}

/** Loads one server's /api/messages with autocannon: each request is the next turn of some conversation. */
export async function load(name: string, url: string, serviceUrl: string, options: ThroughputOptions, replies: () => number, server?: RunningServer): Promise<ThroughputResult> {
  let conversation = 0;
  const progress = new Map<number, number>();
  const lanes = options.connections * 4;
  const nextBody = () => {
    // Each lane walks its own conversation through the script, then starts a fresh one.
    const lane = conversation++ % lanes;
    const step = progress.get(lane) ?? 0;
    const id = Math.floor(step / SCRIPT.length);
    progress.set(lane, step + 1);
    return JSON.stringify(
      messageActivity({ id: `a-${lane}-${step}`, conversationId: `${name}-${lane}-${id}`, visitorId: `visitor-${lane}`, serviceUrl, text: SCRIPT[step % SCRIPT.length]! }),
    );
  };
  const before = replies();
  const cpuBefore = await server?.cpuMs();
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: nextBody() }) }],
  });
  const cpuAfter = await server?.cpuMs();
  const turns = result['2xx'];
  return {
    name,
    turnsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    replies: replies() - before,
    turns,
    cpuMsPerTurn: cpuBefore !== undefined && cpuAfter !== undefined && turns > 0 ? (cpuAfter - cpuBefore) / turns : undefined,
  };
}

/** The three servers, in the order they run. */
const SERVERS = [
  { name: 'echo', label: 'bare echo bot (ActivityHandler)', script: 'bench/lib/echo-server.ts' },
  { name: 'waterfall', label: 'bare two-question waterfall (WaterfallDialog + TextPrompt + MemoryStorage)', script: 'bench/lib/waterfall-server.ts' },
  {
    name: 'durable-waterfall',
    label: 'same waterfall made durable: ConversationState on SQLite + TranscriptLoggerMiddleware to SQLite',
    script: 'bench/lib/durable-waterfall-server.ts',
  },
  { name: 'qualibot', label: 'Qualibot (rules extractor, SQLite, dedupe + transcript + lock)', script: 'bench/lib/qualibot-server.ts' },
] as const;

export type ThroughputServer = (typeof SERVERS)[number]['name'];

/** The script of a bench server, and the environment it runs with (Qualibot: SQLite under `dataDir`, abuse limits off). */
export function throughputServer(name: ThroughputServer, dataDir: string): { script: string; env: Record<string, string> } {
  const { script } = SERVERS.find((server) => server.name === name)!;
  return { script, env: name === 'qualibot' ? { DATA_DIR: dataDir, ...BENCH_LIMITS_ENV } : { DATA_DIR: dataDir } };
}

export interface ThroughputReport {
  results: Array<ThroughputResult & { label: string }>;
  /** Qualibot's turns/s divided by the echo bot's, the waterfall's and the durable waterfall's (issue 23's yardstick). */
  ratioToEcho: number;
  ratioToWaterfall: number;
  ratioToDurableWaterfall: number;
  /** The durable waterfall's turns/s divided by the echo bot's: what durability alone costs the framework. */
  durableWaterfallToEcho: number;
}

/** Echo bot, waterfall bot and Qualibot (rules mode, SQLite): same machine, same load, same script, one after the other. */
export async function runThroughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const sink = await startReplySink();
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-'));
  try {
    const results: ThroughputReport['results'] = [];
    const chosen = options.servers ? options.servers.map((name) => SERVERS.find((server) => server.name === name)!) : SERVERS;
    for (const { name, label } of chosen) {
      const { script, env } = throughputServer(name, dataDir);
      const server = await spawnServer(script, env);
      try {
        const warmupSeconds = options.warmupSeconds ?? 1;
        if (options.warmupAmount) await load(`warmup-${name}`, server.url, sink.url, { durationSeconds: 0, amount: options.warmupAmount, connections: options.connections }, sink.replies);
        else if (warmupSeconds > 0) await load(`warmup-${name}`, server.url, sink.url, { durationSeconds: warmupSeconds, connections: options.connections }, sink.replies);
        const busyAfterListenMs = server.startup.busyAfterListenMs as number | undefined;
        results.push({ ...(await load(name, server.url, sink.url, options, sink.replies, server)), label, busyAfterListenMs });
      } finally {
        await server.stop();
      }
    }
    const rate = (name: ThroughputServer) => results.find((result) => result.name === name)?.turnsPerSecond ?? Number.NaN;
    return {
      results,
      ratioToEcho: rate('qualibot') / rate('echo'),
      ratioToWaterfall: rate('qualibot') / rate('waterfall'),
      ratioToDurableWaterfall: rate('qualibot') / rate('durable-waterfall'),
      durableWaterfallToEcho: rate('durable-waterfall') / rate('echo'),
    };
  } finally {
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Section 1 as Markdown: the three servers, the ratios, and where Qualibot's CPU goes. */
export function renderThroughput(report: ThroughputReport, connections: number, profile?: { summary: ProfileSummary; turns: number; turnsPerSecond: number }): string {
  const rows = report.results.map((result) => [
    result.label,
    fmt(result.turnsPerSecond, 0),
    fmt(result.p50Ms, 0),
    fmt(result.p99Ms, 0),
    result.cpuMsPerTurn === undefined ? 'n/a' : fmt(result.cpuMsPerTurn, 2),
    fmt(result.replies / Math.max(1, result.turns), 2),
    String(result.errors + result.non2xx),
  ]);
  const aim = report.ratioToDurableWaterfall >= 0.6 ? 'met' : 'NOT met';
  const lines = [
    `## 1. Turn throughput through /api/messages (autocannon, ${connections} connections, loopback connector)`,
    '',
    'Each request is the next message of one of 80 five-message conversations (the same French qualification script for every server); the HTTP answer comes once the turn, replies included, is done. Qualibot runs with its production middleware (dedupe, transcript, per-conversation lock) on SQLite; abuse limits are off because all the load comes from one address.',
    '',
    table(['server', 'turns/s', 'p50 ms', 'p99 ms', 'server CPU ms/turn', 'replies/turn', 'errors'], rows),
    '',
    `Qualibot: **${fmt(report.ratioToEcho * 100)}%** of the bare echo bot's turns/s, **${fmt(report.ratioToWaterfall * 100)}%** of the bare waterfall's and **${fmt(report.ratioToDurableWaterfall * 100)}%** of the durable waterfall's (issue 23's aim, ≥ 60% of the durable waterfall: ${aim}; why, in "Turn cost — issue 23" below).`,
    durabilityLine(report.durableWaterfallToEcho),
    'Reference on a quiet 2-core machine: echo ≈ 2,700 turns/s (p99 ≈ 17 ms), waterfall ≈ 1,900 turns/s (p99 ≈ 24 ms).',
  ];
  const startup = report.results.find((result) => result.busyAfterListenMs !== undefined);
  if (startup && startup.busyAfterListenMs! > 500) {
    lines.push(
      '',
      `Start-up: Qualibot's event loop stayed busy **${fmt(startup.busyAfterListenMs! / 1000)} s** after it started listening (work deferred past \`listen\`, e.g. the recognizer warm-up); the bench waits for it, but real visitors arriving then wait that long.`,
    );
  }
  if (profile) {
    const { summary, turns } = profile;
    const share = (micros: number) => `${fmt((micros / summary.totalMicros) * 100)}%`;
    const perTurn = (micros: number) => fmt(micros / 1000 / turns, 3);
    lines.push(
      '',
      `### Where Qualibot's CPU goes (node --cpu-prof on the Qualibot child, same load, ${fmt(profile.turnsPerSecond, 0)} turns/s under the profiler)`,
      '',
      'Self time by owner (idle included in the 100%):',
      '',
      table(['owner', 'share', 'ms/turn'], summary.owners.slice(0, 14).map(({ name, micros }) => [name, share(micros), perTurn(micros)])),
      '',
      'Our functions by total time (callees included; nested ones overlap):',
      '',
      table(['function', 'share', 'ms/turn'], summary.ours.slice(0, 14).map(({ name, micros }) => [`\`${name}\``, share(micros), perTurn(micros)])),
    );
  }
  return lines.join('\n');
}

/** What the durable waterfall's ratio says about the 70% aim (the row may be missing in a partial run). */
function durabilityLine(ratio: number): string {
  if (!Number.isFinite(ratio)) return '';
  const figure = `The same bare waterfall made durable with botbuilder's own parts (its state on SQLite, TranscriptLoggerMiddleware to SQLite, one reply per turn) reaches **${fmt(ratio * 100)}%** of echo`;
  return ratio < 0.7
    ? `${figure}: durability alone, before any extraction, scoring or second message, already costs more than the 70% aim allows.`
    : `${figure}.`;
}
