import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { BENCH_LIMITS_ENV } from './lib/bench-env.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { messageActivity, QUALIFICATION_SCRIPT } from './lib/qualification-script.js';
import { startReplySink } from './lib/reply-sink.js';
import { waitUntilIdle } from './lib/server-probe.js';
import { StatementCounter, type StatementCounts, type StatementKind } from './lib/statement-counter.js';
import { fmt, msSince, percentile, table } from './lib/stats.js';

export interface StorageBenchOptions {
  /** Conversations of QUALIFICATION_SCRIPT.length turns each, one turn at a time. */
  conversations: number;
  /** How long to watch the idle server for background statements (default 1 s). */
  idleMs?: number;
}

export interface EngineRun {
  engine: string;
  turns: number;
  failedTurns: number;
  turnMs: number[];
  /** Statements per turn, summed over all turns. */
  totals: StatementCounts;
  /** Writes at each step of the script (index 0 = first message), summed over conversations. */
  writesByStep: number[];
  /** Statements issued while nothing was asked of the server (background jobs), over `idleMs`. */
  idleStatements: number;
  idleMs: number;
}

export interface StorageBenchReport {
  runs: EngineRun[];
  /** Why PostgreSQL was skipped, when it was. */
  postgresSkipped?: string;
}

function add(into: StatementCounts, counts: StatementCounts): void {
  into.total += counts.total;
  into.commits += counts.commits;
  for (const kind of Object.keys(counts.byKind) as StatementKind[]) into.byKind[kind] += counts.byKind[kind];
  for (const [table, count] of Object.entries(counts.writesByTable)) into.writesByTable[table] = (into.writesByTable[table] ?? 0) + count;
  for (const [table, count] of Object.entries(counts.readsByTable)) into.readsByTable[table] = (into.readsByTable[table] ?? 0) + count;
}

/** One engine: the real app in this process (so the counting drivers see its statements), turns one at a time. */
async function measureEngine(engine: string, env: Record<string, string>, counter: StatementCounter, options: StorageBenchOptions): Promise<EngineRun> {
  const sink = await startReplySink();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...BENCH_LIMITS_ENV, ...env });
  const app = await startApp(config, createLogger('silent'));
  await waitUntilIdle(); // start-up work the app defers past listen (warm-ups) is not what a turn costs
  const run: EngineRun = {
    engine,
    turns: 0,
    failedTurns: 0,
    turnMs: [],
    totals: { total: 0, byKind: { write: 0, read: 0, transaction: 0, lock: 0, other: 0 }, commits: 0, writesByTable: {}, readsByTable: {} },
    writesByStep: QUALIFICATION_SCRIPT.map(() => 0),
    idleStatements: 0,
    idleMs: options.idleMs ?? 1000,
  };
  const turn = async (conversationId: string, step: number): Promise<{ ok: boolean; ms: number }> => {
    const body = JSON.stringify(
      messageActivity({ id: `${conversationId}-${step}`, conversationId, visitorId: `v-${conversationId}`, serviceUrl: sink.url, text: QUALIFICATION_SCRIPT[step]! }),
    );
    const start = process.hrtime.bigint();
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    return { ok: response.ok, ms: msSince(start) };
  };
  try {
    for (let warm = 0; warm < 2; warm++) for (let step = 0; step < QUALIFICATION_SCRIPT.length; step++) await turn(`${engine}-warmup-${warm}`, step);
    await sleep(50);
    counter.take();
    await sleep(run.idleMs);
    run.idleStatements = counter.take().total;
    for (let index = 0; index < options.conversations; index++) {
      for (let step = 0; step < QUALIFICATION_SCRIPT.length; step++) {
        counter.take();
        const { ok, ms } = await turn(`${engine}-${index}`, step);
        await new Promise((resolve) => setImmediate(resolve)); // work the turn left for right after its answer
        const counts = counter.take();
        run.turns += 1;
        if (!ok) run.failedTurns += 1;
        run.turnMs.push(ms);
        add(run.totals, counts);
        run.writesByStep[step]! += counts.byKind.write;
      }
    }
    return run;
  } finally {
    await app.close();
    await sink.close();
  }
}

/**
 * Section 4: SQL statements per turn and turn time on SQLite (file, the default), SQLite in memory
 * (no disk: the baseline) and PostgreSQL (skipped, saying why, when unreachable).
 */
export async function runStorage(options: StorageBenchOptions): Promise<StorageBenchReport> {
  const counter = new StatementCounter().install();
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-'));
  try {
    const runs = [
      await measureEngine('SQLite (file, WAL)', { DATA_DIR: dataDir }, counter, options),
      await measureEngine('SQLite (:memory:, baseline)', { DATA_DIR: ':memory:' }, counter, options),
    ];
    const database = await createBenchDatabase();
    if ('unavailable' in database) return { runs, postgresSkipped: database.unavailable };
    try {
      runs.push(await measureEngine('PostgreSQL', { DATABASE_URL: database.url, DATA_DIR: dataDir }, counter, options));
    } finally {
      await database.drop();
    }
    return { runs };
  } finally {
    counter.uninstall();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Section 4 as Markdown. */
export function renderStorage(report: StorageBenchReport): string {
  const perTurn = (run: EngineRun, value: number) => fmt(value / Math.max(1, run.turns), 2);
  const rows = report.runs.map((run) => [
    run.engine,
    fmt(percentile(run.turnMs, 50), 2),
    fmt(percentile(run.turnMs, 99), 2),
    `**${perTurn(run, run.totals.byKind.write)}**`,
    perTurn(run, run.totals.byKind.read),
    perTurn(run, run.totals.byKind.transaction),
    perTurn(run, run.totals.byKind.lock),
    perTurn(run, run.totals.total),
    String(run.failedTurns),
    String(run.idleStatements),
    perTurn(run, run.totals.commits),
  ]);
  const conversations = (run: EngineRun) => Math.max(1, run.turns / QUALIFICATION_SCRIPT.length);
  const stepRows = QUALIFICATION_SCRIPT.map((text, step) => [
    `${step + 1}. ${text.length > 48 ? `${text.slice(0, 47)}…` : text}`,
    ...report.runs.map((run) => fmt(run.writesByStep[step]! / conversations(run), 1)),
  ]);
  const tables = [...new Set(report.runs.flatMap((run) => [...Object.keys(run.totals.writesByTable), ...Object.keys(run.totals.readsByTable)]))].sort();
  const tableRows = tables.map((name) => [
    `\`${name}\``,
    ...report.runs.map((run) => `${fmt((run.totals.writesByTable[name] ?? 0) / conversations(run), 1)} / ${fmt((run.totals.readsByTable[name] ?? 0) / conversations(run), 1)}`),
  ]);
  const engines = report.runs.map((run) => run.engine);
  return [
    `## 4. Storage: statements per turn and turn time, per engine (${report.runs[0]?.turns ?? 0} turns each, one at a time)`,
    '',
    'The real app runs in the bench process; every SQL statement is counted at the driver (better-sqlite3 statements, transaction control included; pg `Client#query`, pools included), between the moment a turn is posted to /api/messages and its answer. Writes = INSERT/UPDATE/DELETE; locks = PostgreSQL advisory-lock queries (none on the turn path now: a turn takes and releases a lease row, two writes to `conversation_leases`); commits = explicit COMMITs plus writes outside a transaction (each its own commit).',
    '',
    table(['engine', 'turn p50 ms', 'turn p99 ms', 'writes/turn', 'reads/turn', 'transaction ctl/turn', 'lock queries/turn', 'all statements/turn', 'failed turns', `statements in ${fmt((report.runs[0]?.idleMs ?? 0) / 1000)} s idle`, 'commits/turn'], rows),
    '',
    ...(report.postgresSkipped ? [`**PostgreSQL skipped:** ${report.postgresSkipped}. Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a reachable server to include it.`, ''] : []),
    'Writes at each step of the script (per conversation):',
    '',
    table(['visitor message', ...engines], stepRows),
    '',
    'Writes / reads per conversation, by table:',
    '',
    table(['table', ...engines], tableRows),
  ].join('\n');
}

// `node --import tsx bench/storage.ts [conversations]`: this section alone (5 conversations by default).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(renderStorage(await runStorage({ conversations: Number(process.argv[2] ?? 5) })));
}
