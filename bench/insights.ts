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
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/handoff/password-hash.js';
import { createLogger } from '../src/logger.js';
import { openDatabase, SQLITE_FILENAME } from '../src/storage/open-database.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { fmt, percentile, table } from './lib/stats.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } } });
const CONVERSATIONS = Number(values.conversations);
const RUNS = Number(values.runs);
const DAY_MS = 86_400_000;
const MANAGER = { email: 'bench-manager@example.test', password: 'bench passphrase 0123' };

/** Deterministic pseudo-random numbers (mulberry32): both engines get the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, string | number | null>;
interface Dataset {
  leads: Row[];
  handoffs: Row[];
  verdicts: Row[];
  missing: Row[];
  corrections: Row[];
  outcomes: Row[];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function generate(count: number, now: number): Dataset {
  const rand = random(15);
  const data: Dataset = { leads: [], handoffs: [], verdicts: [], missing: [], corrections: [], outcomes: [] };
  const levels = { authority: ['decision_maker', 'influencer', 'no_role'], money: ['allocated', 'possible', 'none'], prioritization: ['within_3_months', '3_to_6_months', 'later'] };
  for (let i = 0; i < count; i++) {
    const decided = now - Math.floor(rand() * 365 * DAY_MS);
    const started = decided - Math.floor(60_000 + rand() * 600_000);
    const score = Math.floor(rand() * 101);
    const knockout = rand() < 0.12;
    const route = knockout ? 'disqualify' : score >= 70 || rand() < 0.08 ? 'handoff' : 'nurture';
    const handoffReason = route === 'handoff' ? (score >= 70 ? 'high_score' : 'ambiguous') : null;
    const facts = Object.fromEntries(Object.entries(levels).map(([dimension, list]) => [dimension, { dimension, value: pick(rand, list), evidence: '…', confidence: 0.9, source: 'rules', turn: 1 }]));
    const id = `lead-${i}`;
    const conversationId = `conv-${i}`;
    const llmCalls = rand() < 0.3 ? 1 + Math.floor(rand() * 4) : 0;
    const utm = pick(rand, ['linkedin', 'google', 'newsletter', null, null]);
    const decision = { route, ...(handoffReason ? { handoffReason } : {}), score, tier: score >= 70 ? 'hot' : 'warm', reasons: [], knockouts: [], complete: rand() < 0.85 };
    data.leads.push({
      id, conversation_id: conversationId, channel: pick(rand, ['webchat', 'webchat', 'msteams', 'slack']), locale: pick(rand, ['fr', 'en']), status: 'decided',
      facts: JSON.stringify(facts), knockouts: knockout ? '[{"id":"student"}]' : '[]', decision: JSON.stringify(decision), context: JSON.stringify(utm ? { utm_source: utm } : {}),
      contact: '{}', usage: JSON.stringify({ llmCalls, tokensIn: llmCalls * 700, tokensOut: llmCalls * 90 }), playbook_id: 'champ', playbook_version: pick(rand, ['2026-06.1', '2026-11.2']),
      version: 1, created_at: new Date(decided).toISOString(), updated_at: new Date(decided).toISOString(), route, handoff_reason: handoffReason, score,
      complete: decision.complete ? 1 : 0, knockout_count: knockout ? 1 : 0, utm_source: utm, llm_calls: llmCalls, tokens: llmCalls * 790,
      visitor_messages: 2 + Math.floor(rand() * 8), started_at: new Date(started).toISOString(), decided_at: new Date(decided).toISOString(),
    });
    if (route !== 'handoff') continue;
    const handoffId = `handoff-${i}`;
    const claimed = rand() < 0.8 ? decided + Math.floor(rand() * 300_000) : null;
    data.handoffs.push({
      id: handoffId, conversation_id: conversationId, lead_id: id, status: claimed ? 'closed' : 'expired', reason: handoffReason, score, tier: 'hot', packet: '{}',
      end_reason: claimed ? 'sdr-closed' : 'assignment-timeout', created_at: new Date(decided).toISOString(), claimed_at: claimed ? new Date(claimed).toISOString() : null, updated_at: new Date(decided).toISOString(),
    });
    if (!claimed) continue;
    const accepted = rand() < score / 120;
    data.verdicts.push({
      handoff_id: handoffId, lead_id: id, conversation_id: conversationId, verdict: accepted ? 'accepted' : 'rejected', outcome: accepted ? pick(rand, ['accepted', 'meeting_booked']) : 'rejected',
      reason_id: accepted ? null : pick(rand, ['not_a_buyer', 'no_budget', 'bad_timing', 'wrong_contact', 'already_customer', 'competitor', 'spam_test', 'other']), via: pick(rand, ['console', 'slack', 'teams']),
      decided_at: new Date(claimed + 600_000).toISOString(),
    });
    if (rand() < 0.2) data.missing.push({ handoff_id: handoffId, lead_id: id, dimension: pick(rand, Object.keys(levels)) });
    if (rand() < 0.15) data.corrections.push({ handoff_id: handoffId, lead_id: id, dimension: 'authority', extracted: (facts.authority as { value: string }).value, corrected: 'influencer', created_at: new Date(claimed).toISOString() });
    if (accepted && rand() < 0.5) {
      data.outcomes.push({ event_id: `opp-${i}`, lead_id: id, kind: 'opportunity_created', occurred_at: new Date(decided + 7 * DAY_MS).toISOString(), amount: null, currency: null, reason: null, received_at: new Date(decided + 7 * DAY_MS).toISOString() });
      if (rand() < 0.5) data.outcomes.push({ event_id: `won-${i}`, lead_id: id, kind: 'won', occurred_at: new Date(decided + 40 * DAY_MS).toISOString(), amount: 12000, currency: 'EUR', reason: null, received_at: new Date(decided + 40 * DAY_MS).toISOString() });
    }
  }
  return data;
}

const TABLES: Array<[keyof Dataset, string]> = [
  ['leads', 'leads'], ['handoffs', 'handoffs'], ['verdicts', 'verdicts'], ['missing', 'verdict_missing_signals'], ['corrections', 'fact_corrections'], ['outcomes', 'crm_outcomes'],
];

function seedSqlite(file: string, data: Dataset): void {
  const db = new BetterSqlite3(file);
  db.transaction(() => {
    for (const [key, table] of TABLES) {
      const rows = data[key];
      if (!rows.length) continue;
      const columns = Object.keys(rows[0]!);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(...columns.map((column) => row[column] ?? null));
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

/** jsonb columns: objects in the recordset, not JSON text. */
const JSON_COLUMNS = new Set(['facts', 'knockouts', 'decision', 'context', 'contact', 'usage', 'packet']);

async function seedPostgres(url: string, data: Dataset): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [key, table] of TABLES) {
      const rows = data[key];
      if (!rows.length) continue;
      const columns = Object.keys(rows[0]!);
      // One statement per 2,000 rows: json_populate_recordset casts every column to the table's own type.
      for (let start = 0; start < rows.length; start += 2000) {
        const batch = rows.slice(start, start + 2000).map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, JSON_COLUMNS.has(column) && typeof value === 'string' ? JSON.parse(value) : value])));
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1)`, [JSON.stringify(batch)]);
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

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
