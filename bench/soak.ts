/**
 * `npm run bench:soak -- [--engine sqlite|postgres] [--minutes 30] [--out FILE]`: mixed traffic on one
 * Qualibot process for a long while (not run by CI). Visitors come through the widget (its socket
 * protocol) and through /api/messages (Bot Framework protocol, replies to a fake connector on loopback);
 * an SDR claims a share of the handoffs and writes to the visitors through the SDR API; the CRM
 * webhook refuses half the deliveries; one connector vanishes half-way, with its visitors.
 * Reports memory over time, p95 turn latency per window, lost messages and late no-SDR notices.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelledCase } from '../src/replay/labelled-case.js';
import { runCli } from '../test/helpers/child-app.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { startFakeConnector } from './lib/soak/fake-connector.js';
import { startFlakyCrm } from './lib/soak/flaky-crm.js';
import { SoakLedger } from './lib/soak/ledger.js';
import { renderSoak, type MemorySample } from './lib/soak/render-soak.js';
import { startSdrDesk } from './lib/soak/sdr-desk.js';
import { REPLY_TIMEOUT_MS, runSoakVisitor } from './lib/soak/soak-visitor.js';
import { BotFrameworkLine, WidgetLine } from './lib/soak/visitor-lines.js';
import { spawnServer } from './lib/spawn-server.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    minutes: { type: 'string', default: '30' },
    'window-minutes': { type: 'string', default: '5' },
    'visitors-per-minute': { type: 'string', default: '20' },
    'timeout-s': { type: 'string', default: '30' },
    out: { type: 'string' },
  },
});
const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
const durationMs = Number(values.minutes) * 60_000;
const windowMs = Number(values['window-minutes']) * 60_000;
const arrivalEveryMs = 60_000 / Number(values['visitors-per-minute']);
const assignmentTimeoutMs = Number(values['timeout-s']) * 1000;
const LATE_ALLOWANCE_MS = 10_000;
const SDR = { email: 'soak-sdr@example.com', password: 'a long soak passphrase', name: 'Marie' };

const cases = readdirSync('test/conversations')
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => readLabelledCase(join('test/conversations', name)));
const think = () => 2000 + Math.random() * 3000;

// The database: a fresh SQLite directory or a fresh PostgreSQL database.
const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-soak-'));
let dropDatabase: (() => Promise<void>) | undefined;
const dbEnv: Record<string, string> = { DATA_DIR: dataDir };
if (engine === 'postgres') {
  const database = await createBenchDatabase();
  if ('unavailable' in database) throw new Error(`PostgreSQL: ${database.unavailable}`);
  dbEnv.DATABASE_URL = database.url;
  dropDatabase = database.drop;
}

const crm = await startFlakyCrm(0.5);
const steadyConnector = await startFakeConnector();
const doomedConnector = await startFakeConnector();
const env = {
  ...dbEnv,
  CRM_WEBHOOK_URL: crm.url,
  CRM_WEBHOOK_SECRET: 'soak-webhook-secret-0123456789',
  HANDOFF_ASSIGNMENT_TIMEOUT_S: String(assignmentTimeoutMs / 1000),
  BOOKING_URL: 'https://cal.example.com/qualibot',
  SDR_TOKEN_SECRET: 'soak-sdr-token-secret-0123456789',
  // Every soak visitor opens its widget conversation from 127.0.0.1: the hourly per-IP budget would refuse most of them.
  RATE_LIMIT_CONVERSATIONS_PER_HOUR: '0',
};
// A shared machine may take minutes to compile and warm up the server (WARM_UP stays on, as in production).
const server = await spawnServer('bench/lib/qualibot-server.ts', env, ['--expose-gc'], 300_000);
const added = await runCli(['sdr', 'add', SDR.email, '--name', SDR.name, '--password', SDR.password], dbEnv);
if (added.code !== 0) throw new Error(`sdr add failed: ${added.stdout}${added.stderr}`);

const startedAt = Date.now();
const loadBefore = loadavg();
const ledger = new SoakLedger(startedAt);
const desk = await startSdrDesk({ baseUrl: server.url, email: SDR.email, password: SDR.password, claimShare: 0.5, claimAfterMs: [3000, assignmentTimeoutMs * 0.6], ledger });

// Memory: RSS every 10 s; heap after a full GC every minute.
const memory: MemorySample[] = [];
const sampleRss = async () => memory.push({ atMs: Date.now() - startedAt, rss: await server.rssBytes() });
const sampleHeap = async () => {
  const report = await server.memory();
  memory.push({ atMs: Date.now() - startedAt, rss: report?.rss, heapAfterGc: report?.heapUsed });
};
await sampleHeap();
const rssTimer = setInterval(() => void sampleRss(), 10_000);
const heapTimer = setInterval(() => void sampleHeap(), 60_000);
const loads: number[] = [];
const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 60_000);

const visitors = new Set<Promise<void>>();
const doomedLines: BotFrameworkLine[] = [];
let doomedGoneAtMs: number | undefined;
const doomedTimer = setTimeout(() => {
  doomedGoneAtMs = Date.now() - startedAt;
  for (const line of doomedLines) {
    if (!line.alive) continue; // that visitor had already left
    ledger.vanished += 1;
    line.channelVanished();
    ledger.channelGone(line.conversationId);
  }
  void doomedConnector.disappear();
}, durationMs / 2);

let arrivals = 0;
const arrivalTimer = setInterval(() => {
  const labelled = cases[arrivals % cases.length]!;
  const locale = labelled.locale ?? 'fr-FR';
  arrivals += 1;
  let line: WidgetLine | BotFrameworkLine;
  if (arrivals % 2 === 0) {
    line = new WidgetLine(server.url, locale, (kind) => ledger.error(kind));
  } else {
    const doomed = doomedGoneAtMs === undefined && arrivals % 6 === 1;
    line = new BotFrameworkLine(server.url, doomed ? doomedConnector : steadyConnector, locale);
    if (doomed) doomedLines.push(line);
  }
  const leavesAtHandoff = line.door === 'widget' && arrivals % 10 === 0;
  const visit = runSoakVisitor(line, { labelled, thinkMs: think, leavesAtHandoff, assignmentTimeoutMs, lateAllowanceMs: LATE_ALLOWANCE_MS }, ledger);
  visitors.add(visit);
  void visit.finally(() => visitors.delete(visit));
}, arrivalEveryMs);

const progress = setInterval(() => {
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  console.log(`[${engine}] ${minutes} min: ${arrivals} visitors, ${visitors.size} active, ${ledger.messages.length} messages, ${ledger.handoffs.size} handoffs, load ${loadavg()[0]!.toFixed(2)}`);
}, 60_000);

await new Promise((resolve) => setTimeout(resolve, durationMs));
clearInterval(arrivalTimer);
clearTimeout(doomedTimer);
// Visitors already there finish their conversations (at most a handoff's wait and an SDR exchange).
await Promise.allSettled([...visitors]);
const drainedAtMs = Date.now() - startedAt;
await desk.stop();
clearInterval(rssTimer);
clearInterval(heapTimer);
clearInterval(loadTimer);
clearInterval(progress);
await sampleHeap();
const metrics = await (await fetch(`${server.url}/metrics`)).text();
const outboxBacklog = Number(/^qualibot_outbox_backlog (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
const ipRefusals = Number(/^qualibot_rate_limited_total\{limit="ip"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
await server.stop();
await Promise.all([crm.close(), steadyConnector.close(), doomedConnector.close()]);
await dropDatabase?.();
rmSync(dataDir, { recursive: true, force: true });

const summary = ledger.summary(assignmentTimeoutMs, LATE_ALLOWANCE_MS, REPLY_TIMEOUT_MS);
const markdown = renderSoak({
  engine,
  command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  startedAt: new Date(startedAt).toISOString(),
  durationMs,
  drainedAtMs,
  windowMs,
  visitorsPerMinute: Number(values['visitors-per-minute']),
  assignmentTimeoutMs,
  lateAllowanceMs: LATE_ALLOWANCE_MS,
  doomedGoneAtMs,
  loadAverages: { before: loadBefore[0]!, during: loads, after: loadavg()[0]! },
  memory,
  ledger,
  summary,
  sdr: desk.stats,
  crm: crm.stats(),
  outboxBacklog,
  ipRefusals,
  conversations: ledger.conversations,
  errors: Object.fromEntries(ledger.errors),
});
console.log(markdown);
if (values.out) writeFileSync(values.out, `${markdown}\n`);
const failed = summary.lostVisitor.length + summary.lostSdr.length + summary.late + summary.missing.length;
if (failed > 0) process.exitCode = 1;
