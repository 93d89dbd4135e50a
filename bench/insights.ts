/**
 * The insights page on a year of data: seeds 100,000 conversations (leads over 365 days, a fifth handed off,
 * SDR verdicts with reasons, missing signals and corrections, CRM outcomes) into SQLite and PostgreSQL, then
 * times what the page loads (`GET /api/insights`) through the real server, for the last 30 days and the whole
 * year, against a baseline in the same run (`GET /api/sdr/me`: sign-in check, no aggregate).
 *
 *   node --import tsx bench/insights.ts [--conversations 100000] [--runs 5]   (appends nothing: prints Markdown)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/handoff/password-hash.js';
import { createLogger } from '../src/logger.js';
import { openDatabase, SQLITE_FILENAME } from '../src/storage/open-database.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { generate, seedPostgres, seedSqlite } from './lib/insights-data.js';
import { fmt, percentile, table } from './lib/stats.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } } });
const CONVERSATIONS = Number(values.conversations);
const RUNS = Number(values.runs);
const DAY_MS = 86_400_000;
const MANAGER = { email: 'bench-manager@example.test', password: 'bench passphrase 0123' };

interface EngineTimes {
  engine: string;
  seedMs: number;
  times: Record<string, number[]>;
}

async function timePage(engine: string, env: Record<string, string>, seed: () => Promise<void>): Promise<EngineTimes> {
  // Migrations first (through the app's own code), then the bulk seed, then a fresh server.
  await (await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR! })).close();
  const seedStart = performance.now();
  await seed();
  const seedMs = performance.now() - seedStart;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', WARM_UP: 'false', SDR_TOKEN_SECRET: 'bench-insights-secret-0123456789', ...env });
  const app = await startApp(config, createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'));
  try {
    await app.db.sdrs.add({ id: randomUUID(), email: MANAGER.email, name: 'Bench', passwordHash: await hashPassword(MANAGER.password), roles: ['manager'] });
    const login = await fetch(`${app.url}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MANAGER) });
    const { token } = (await login.json()) as { token: string };
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10);
    const requests: Record<string, string> = {
      'baseline: GET /api/sdr/me': '/api/sdr/me',
      'page, last 30 days': '/api/insights',
      'page, whole year': `/api/insights?from=${yearAgo}&to=${today}`,
      'page, year, utm_source=linkedin, fr': `/api/insights?from=${yearAgo}&to=${today}&utmSource=linkedin&locale=fr`,
    };
    const times: Record<string, number[]> = {};
    for (const [name, path] of Object.entries(requests)) {
      times[name] = [];
      for (let run = 0; run <= RUNS; run++) {
        const start = performance.now();
        const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { charts?: Array<{ id: string; rows: Array<{ count?: number }> }> };
        if (!response.ok) throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`);
        if (run > 0) times[name]!.push(performance.now() - start); // the first run warms caches and statements
        if (run === 1 && body.charts && name === 'page, whole year') console.error(`${engine}: ${body.charts[0]!.rows[0]!.count} conversations in the year`);
      }
    }
    return { engine, seedMs, times };
  } finally {
    await app.close();
  }
}

const data = generate(CONVERSATIONS, Date.now());
console.error(`generated ${data.leads.length} leads, ${data.handoffs.length} handoffs, ${data.verdicts.length} verdicts, ${data.outcomes.length} CRM outcomes`);
const results: EngineTimes[] = [];
const dir = mkdtempSync(join(tmpdir(), 'qualibot-bench-insights-'));
try {
  results.push(await timePage('SQLite (file, WAL)', { DATA_DIR: dir }, async () => seedSqlite(join(dir, SQLITE_FILENAME), data)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const database = await createBenchDatabase();
if ('unavailable' in database) {
  console.error(`PostgreSQL skipped: ${database.unavailable}`);
} else {
  const pgDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-insights-'));
  try {
    results.push(await timePage('PostgreSQL', { DATABASE_URL: database.url, DATA_DIR: pgDir }, () => seedPostgres(database.url, data)));
  } finally {
    await database.drop();
    rmSync(pgDir, { recursive: true, force: true });
  }
}

const names = Object.keys(results[0]!.times);
console.log(`## 7. Insights page on a year of data (${CONVERSATIONS.toLocaleString('en')} conversations)\n`);
console.log(`Seeded by \`bench/insights.ts\`: ${data.leads.length.toLocaleString('en')} leads over 365 days, ${data.handoffs.length.toLocaleString('en')} handoffs, ${data.verdicts.length.toLocaleString('en')} verdicts, ${data.outcomes.length.toLocaleString('en')} CRM outcomes. Median (p95) of ${RUNS} requests after one warm-up, through the real server; ratio = median / baseline of the same engine.\n`);
console.log(
  table(
    ['request', ...results.flatMap((result) => [`${result.engine} ms`, 'ratio'])],
    names.map((name) => [
      name,
      ...results.flatMap((result) => {
        const median = percentile(result.times[name]!, 50);
        return [`${fmt(median)} (${fmt(percentile(result.times[name]!, 95))})`, `${fmt(median / percentile(result.times[names[0]!]!, 50))}×`];
      }),
    ]),
  ),
);
console.log(`\nBulk seed: ${results.map((result) => `${result.engine} ${fmt(result.seedMs / 1000)} s`).join(', ')}.`);
