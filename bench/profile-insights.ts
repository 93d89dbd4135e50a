/**
 * In-process profile of the insights queries (no HTTP): seeds the insights bench's data set into a fresh SQLite
 * file (or PostgreSQL with --engine postgres) and times each chart's repository call for 30 days and the year.
 *
 *   node --import tsx bench/profile-insights.ts [--engine sqlite|postgres] [--conversations 100000] [--drop-index NAME]
 *   (--drop-index: times the queries without one index, to see what it buys)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, SQLITE_FILENAME } from '../src/storage/open-database.js';
import type { InsightsFilter } from '../src/storage/ports/insights.js';
import { createBenchDatabase } from './lib/bench-postgres.js';
import { generate, seedPostgres, seedSqlite } from './lib/insights-data.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' }, conversations: { type: 'string', default: '100000' }, 'drop-index': { type: 'string' } } });
const DAY_MS = 86_400_000;
const data = generate(Number(values.conversations), Date.now());
const dir = mkdtempSync(join(tmpdir(), 'qualibot-profile-insights-'));
const database = values.engine === 'postgres' ? await createBenchDatabase() : undefined;
if (database && 'unavailable' in database) throw new Error(database.unavailable);
const url = database && 'url' in database ? database.url : undefined;
try {
  await (await openDatabase({ url, dataDir: dir })).close();
  const seedStart = performance.now();
  if (url) await seedPostgres(url, data);
  else seedSqlite(join(dir, SQLITE_FILENAME), data);
  console.log(`seed ${values.engine}: ${Math.round(performance.now() - seedStart)} ms`);
  if (values['drop-index']) {
    const name = values['drop-index'].replace(/\W/g, '');
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP INDEX ${name}`);
      await client.end();
    } else {
      const file = new BetterSqlite3(join(dir, SQLITE_FILENAME));
      file.exec(`DROP INDEX ${name}`);
      file.close();
    }
  }
  const db = await openDatabase({ url, dataDir: dir });
  try {
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + DAY_MS;
    const filters: Record<string, InsightsFilter> = {
      '30 days': { from: new Date(today - 30 * DAY_MS), to: new Date(today) },
      year: { from: new Date(today - 365 * DAY_MS), to: new Date(today) },
      'year, linkedin, fr': { from: new Date(today - 365 * DAY_MS), to: new Date(today), utmSource: 'linkedin', locale: 'fr' },
    };
    const r = db.insights;
    const calls = {
      funnel: r.funnel.bind(r), routes: r.routesOverTime.bind(r), calibration: r.calibration.bind(r), dimensions: r.dimensionLevels.bind(r),
      rejections: r.rejectionReasons.bind(r), missing: r.missingSignals.bind(r), corrections: r.corrections.bind(r), timings: r.timings.bind(r),
      options: (filter: InsightsFilter) => r.filterOptions(filter),
    };
    for (const [name, filter] of Object.entries(filters)) {
      const parts: string[] = [];
      let total = 0;
      for (const [chart, call] of Object.entries(calls)) {
        await call(filter);
        const start = performance.now();
        await call(filter);
        const ms = performance.now() - start;
        total += ms;
        parts.push(`${chart} ${Math.round(ms)}`);
      }
      console.log(`${values.engine} ${name}: total ${Math.round(total)} ms — ${parts.join(', ')}`);
    }
  } finally {
    await db.close();
  }
} finally {
  if (database && 'drop' in database) await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
