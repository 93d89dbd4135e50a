import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Registry } from 'prom-client';
import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createAbuseGuards, type AbuseGuards } from '../../src/server/abuse-guards.js';
import { Drain } from '../../src/server/drain.js';
import { createHttpServer } from '../../src/server/http-server.js';
import { openDatabase } from '../../src/storage/open-database.js';
import type { Database } from '../../src/storage/ports/database.js';
import { LogCapture } from '../hardening/support/log-capture.js';
import { createTestDatabase, testDatabaseUrl } from '../storage/pg-test-server.js';

/**
 * Two instances on one PostgreSQL, as behind a load balancer: each its own pool, limiters and HTTP server (the real
 * defences of src/server/http-server.ts in front of a widget page). The bot is left out: the doors are what is tested.
 */
interface Instance {
  db: Database;
  guards: AbuseGuards;
  server: restify.Server;
  url: string;
  logs: LogCapture;
}

const FALLBACK_LOG = 'rate limits: PostgreSQL failed or is slow, counting in memory on this instance';

describe('rate limits shared by the instances on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Instance;
  let b: Instance;
  const config = loadConfig({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '4', RATE_LIMIT_MESSAGES_PER_MINUTE: '3', TRUST_PROXY_HOPS: '1' });

  async function startInstance(): Promise<Instance> {
    const logs = new LogCapture();
    const logger = createLogger('warn', logs);
    const db = await openDatabase({ url: database.url, dataDir: '/nonexistent', logger });
    // A short timeout: a PostgreSQL that hangs is given up on quickly in the hang test.
    const guards = createAbuseGuards(config.rateLimits, new Registry(), { pool: db.sharedCountersPool, logger, storeTimeoutMs: 300 });
    const server = createHttpServer({ config, drain: new Drain(), guards, logger });
    server.get('/', (_req, res, next) => {
      res.send(200, 'widget page');
      return next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { db, guards, server, logs, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  /** One page request from `client` (its address as the trusted proxy saw it), to one instance. */
  async function visit(instance: Instance, client: string): Promise<{ status: number; retryAfter: string | null }> {
    const response = await fetch(`${instance.url}/`, { headers: { 'x-forwarded-for': client } });
    await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  }

  /** Runs SQL on the test server's maintenance database (not the instances' one). */
  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  });

  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance) continue;
      await new Promise<void>((resolve) => instance.server.close(() => resolve()));
      await instance.db.close();
    }
    await database?.drop();
  });

  it('requests of one address spread over both instances meet 429 at the combined limit', async () => {
    expect([a.guards.store, b.guards.store]).toEqual(['postgres', 'postgres']);
    const answers = [];
    for (let index = 0; index < 6; index += 1) answers.push(await visit(index % 2 === 0 ? a : b, '198.51.100.10'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
    // 4 per minute: the next one in at most 15 s, whichever instance is asked.
    for (const refused of answers.slice(4)) expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const refused of answers.slice(4)) expect(Number(refused.retryAfter)).toBeLessThanOrEqual(15);
    // Another address has a budget of its own.
    expect((await visit(b, '198.51.100.11')).status).toBe(200);
  });

  it('a visitor spreading messages over both instances is limited as a whole, the first refusal told once', async () => {
    const decisions = [];
    for (let index = 0; index < 6; index += 1) decisions.push(await (index % 2 === 0 ? a : b).guards.visitorMessages.take('webchat|visitor-spread'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false, false]);
    expect(decisions.map((decision) => decision.firstRefusal)).toEqual([false, false, false, true, false, false]);
  });

  it('PostgreSQL refusing connections takes no request down: each instance counts in memory, says so, and shares again once it is back', async () => {
    const name = new URL(database.url).pathname.slice(1);
    await admin(async (client) => {
      await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    });
    try {
      // Per instance now: each lets 4 in (8 in all), then refuses; nothing fails.
      const statuses = [];
      for (let index = 0; index < 10; index += 1) statuses.push((await visit(index % 2 === 0 ? a : b, '198.51.100.20')).status);
      expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
      for (const instance of [a, b]) expect(instance.logs.records().filter((record) => record.msg === FALLBACK_LOG)).toHaveLength(1);
    } finally {
      await admin((client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    }
    // Back on PostgreSQL: a new address is counted across both again.
    const statuses = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await visit(index % 2 === 0 ? a : b, '198.51.100.21')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('PostgreSQL hanging (its table locked) delays a request by the store timeout at most, then memory counts', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE rate_limits IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      const answer = await visit(a, '198.51.100.30');
      expect(answer.status).toBe(200);
      // It did wait for PostgreSQL (the timeout of 300 ms), and no longer than a few of them.
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });
});
