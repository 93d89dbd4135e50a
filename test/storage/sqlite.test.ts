import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { openDatabase, SQLITE_FILENAME } from '../../src/storage/open-database.js';
import { storageContract } from './contract.js';
import { leadInput } from './fixtures.js';

/** Each store is a fresh directory; a second instance opens the same file, as a second process would. */
storageContract('sqlite', {
  busAcrossInstances: false,
  async createStore() {
    const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-sqlite-'));
    return {
      open: () => openDatabase({ dataDir }),
      async destroy() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
});

describe('sqlite engine specifics', () => {
  it('creates qualibot.sqlite in the data dir (created if missing), in WAL mode, migrations recorded once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qualibot-sqlite-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const first = await openDatabase({ dataDir });
      await first.close();
      const second = await openDatabase({ dataDir });
      await second.close();
      const file = join(dataDir, SQLITE_FILENAME);
      expect(existsSync(file)).toBe(true);
      const raw = new BetterSqlite3(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        const versions = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
        expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
      } finally {
        raw.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('supports an in-memory database for tests', async () => {
    for (const options of [{ url: ':memory:', dataDir: '/nonexistent' }, { dataDir: ':memory:' }]) {
      const db = await openDatabase(options);
      try {
        expect(db.engine).toBe('sqlite');
        const lead = await db.leads.upsert(leadInput());
        expect((await db.leads.get(lead.id))?.version).toBe(1);
      } finally {
        await db.close();
      }
    }
    expect(existsSync('/nonexistent')).toBe(false);
  });

  it('refuses a database URL it does not understand, without printing the password', async () => {
    const attempt = openDatabase({ url: 'mysql://admin:s3cret@db.example.test/app', dataDir: ':memory:' });
    await expect(attempt).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(openDatabase({ url: 'mysql://admin:s3cret@db.example.test/app', dataDir: ':memory:' })).rejects.toThrow(/admin:\*\*\*@/);
  });
});
