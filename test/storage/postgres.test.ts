import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { ConversationBusyError, PgConversationLock } from '../../src/storage/postgres/pg-conversation-lock.js';
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

    it('opens as many connections as DATABASE_POOL_SIZE allows', async () => {
      const db = await openDatabase({ url: database.url, dataDir: '/nonexistent', poolSize: 3 });
      opened.push(db);
      expect((db.sharedCountersPool as unknown as { options: { max: number } }).options.max).toBe(3);
    });

    it('serialises one conversation across two instances with leases', async () => {
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

    it('releases the lease when a turn ends, failed or not, so another instance gets it at once', async () => {
      const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ url: database.url, dataDir: '/nonexistent' })));
      opened.push(a!, b!);
      await a!.lock.run('conversation-3', async () => undefined);
      await expect(a!.lock.run('conversation-3', async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
      const { rows } = await admin(`SELECT count(*)::int AS held FROM conversation_leases`);
      expect(rows[0].held).toBe(0);
      const started = Date.now();
      await b!.lock.run('conversation-3', async () => undefined);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    describe('leases', () => {
      const pools: pg.Pool[] = [];
      const lockOn = (options: Partial<ConstructorParameters<typeof PgConversationLock>[0]> = {}) => {
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        pools.push(pool);
        return new PgConversationLock({ pool, ...options });
      };
      afterAll(async () => {
        await Promise.all(pools.map((pool) => pool.end()));
      });

      it('hold no connection while a turn runs: more turns at once than the pool has connections', async () => {
        const lock = lockOn();
        let inside = 0;
        let maxInside = 0;
        await Promise.all(
          Array.from({ length: 12 }, (_, n) =>
            lock.run(`wide-${n}`, async () => {
              maxInside = Math.max(maxInside, ++inside);
              await sleep(300);
              inside--;
            }),
          ),
        );
        expect(maxInside).toBe(12);
      });

      it('renew themselves while a long turn runs: another instance waits for the end of the turn', async () => {
        const [a, b] = [lockOn({ leaseMs: 300 }), lockOn({ leaseMs: 300 })];
        const events: string[] = [];
        const long = a.run('long-turn', async () => {
          events.push('a:in');
          await sleep(1000);
          events.push('a:out');
        });
        await sleep(100);
        await b.run('long-turn', async () => void events.push('b:in'));
        await long;
        expect(events).toEqual(['a:in', 'a:out', 'b:in']);
      });

      it('left by an instance that died expire, then the conversation runs', async () => {
        await admin(`INSERT INTO conversation_leases (key, holder, expires_at) VALUES ('orphan', 'dead-instance', clock_timestamp() + interval '400 milliseconds')`);
        const started = Date.now();
        await lockOn().run('orphan', async () => undefined);
        expect(Date.now() - started).toBeGreaterThanOrEqual(300);
        expect(Date.now() - started).toBeLessThan(3000);
      });

      it('left by a dead instance on a conversation that never comes back go with the retention purge; live ones stay', async () => {
        await admin(`INSERT INTO conversation_leases (key, holder, expires_at) VALUES ('gone', 'dead-instance', clock_timestamp() - interval '1 minute')`);
        const db = await openDatabase({ url: database.url, dataDir: '/nonexistent' });
        opened.push(db);
        const holding = db.lock.run('live', () => sleep(500));
        await sleep(100);
        const longAgo = new Date('2000-01-01T00:00:00Z');
        await db.lifecycle.purgeOlderThan({ transcripts: longAgo, leads: longAgo });
        const { rows } = await admin(`SELECT key FROM conversation_leases WHERE key IN ('gone', 'live') ORDER BY key`);
        expect(rows.map((row) => row.key)).toEqual(['live']);
        await holding;
      });

      it('give up after the wait allows, naming the conversation, and run nothing', async () => {
        const holder = lockOn();
        const holding = holder.run('busy', () => sleep(800));
        await sleep(50);
        let ran = false;
        await expect(lockOn({ timeoutMs: 200 }).run('busy', async () => void (ran = true))).rejects.toThrow(ConversationBusyError);
        expect(ran).toBe(false);
        await holding;
      });
    });

    async function admin(sql: string) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    }
  });
});
