import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { openDatabase } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import { storageContract } from './contract.js';
import { sleep } from './fixtures.js';
import { createTestDatabase, recycledTestDatabase } from './pg-test-server.js';

describe('postgres engine', () => {
  /** Each store is an empty migrated database: one database, emptied after each test. */
  const contractDatabase = recycledTestDatabase();
  afterAll(() => contractDatabase.dispose());
  storageContract('postgres', {
    busAcrossInstances: true,
    async createStore() {
      const database = await contractDatabase.take();
      return {
        open: () => openDatabase({ url: database.url, dataDir: '/nonexistent' }),
        destroy: database.drop,
      };
    },
  });

  describe('postgres specifics', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    const opened: Database[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => {
      for (const db of opened) await db.close();
      await database.drop();
    });

    it('migrates once when three instances start at the same time', async () => {
      const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url, dataDir: '/nonexistent' })));
      opened.push(...instances);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
      } finally {
        await client.end();
      }
    });

    it('the bus listener reconnects after its connection is killed', async () => {
      const db = await openDatabase({ url: database.url, dataDir: '/nonexistent' });
      opened.push(db);
      const received: unknown[] = [];
      await db.bus.subscribe('relay', (payload) => void received.push(payload));
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
        );
        expect(rowCount).toBeGreaterThanOrEqual(1);
      } finally {
        await admin.end();
      }
      // Publish until the new listener is up (messages sent while it reconnects are lost by design).
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline) {
        await db.bus.publish('relay', { after: 'reconnect' });
        await sleep(200);
      }
      expect(received[0]).toEqual({ after: 'reconnect' });
    });

    it('serialises one conversation across two instances with the advisory lock', async () => {
      const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ url: database.url, dataDir: '/nonexistent' })));
      opened.push(a!, b!);
      let inside = 0;
      let maxInside = 0;
      const spans: string[] = [];
      const turn = (db: Database, name: string) =>
        db.lock.run('conversation-1', async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          spans.push(`${name}:in`);
          await sleep(30);
          spans.push(`${name}:out`);
          inside--;
        });
      await Promise.all([turn(a!, 'a1'), turn(b!, 'b1'), turn(a!, 'a2'), turn(b!, 'b2')]);
      expect(maxInside).toBe(1);
      expect(spans).toHaveLength(8);

      // Another conversation is not held up by this one.
      let otherRan = false;
      const holding = a!.lock.run('conversation-1', () => sleep(200));
      await sleep(20);
      await b!.lock.run('conversation-2', async () => {
        otherRan = true;
      });
      expect(otherRan).toBe(true);
      await holding;
    });

    it('releases the advisory lock when a turn ends, failed or not, so another instance gets it at once', async () => {
      const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ url: database.url, dataDir: '/nonexistent' })));
      opened.push(a!, b!);
      await a!.lock.run('conversation-3', async () => undefined);
      await expect(a!.lock.run('conversation-3', async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const { rows } = await admin.query(`SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
        expect(rows[0].held).toBe(0);
      } finally {
        await admin.end();
      }
      const started = Date.now();
      await b!.lock.run('conversation-3', async () => undefined);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
