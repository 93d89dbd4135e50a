import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { KeyedLock } from '../keyed-lock.js';
import type { ConversationLock } from '../ports/conversation-lock.js';

/** Give up waiting for another instance's turn after this long. */
export const CONVERSATION_LOCK_TIMEOUT_MS = 30_000;
/** A lease lasts this long unless renewed: the longest a crashed instance keeps a conversation waiting. */
const DEFAULT_LEASE_MS = 15_000;
/** Waiting for another instance's lease: first retry after this, doubling up to `MAX_RETRY_MS`. */
const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 250;

export interface PgConversationLockOptions {
  /** The application's pool: a lease holds no connection while the turn runs, only for each statement. */
  pool: pg.Pool;
  leaseMs?: number;
  timeoutMs?: number;
  /** Told when a lease could not be renewed or released (the turn itself is not failed for it). */
  onLeaseError?: (error: unknown, key: string) => void;
}

/** Another instance held the conversation for longer than the wait allows. */
export class ConversationBusyError extends Error {
  constructor(key: string, waitedMs: number) {
    super(`conversation ${key} is still busy on another instance after ${waitedMs} ms`);
    this.name = 'ConversationBusyError';
  }
}

const ACQUIRE = `
  INSERT INTO conversation_leases (key, holder, expires_at) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE conversation_leases.expires_at < clock_timestamp() OR conversation_leases.holder = excluded.holder
  RETURNING key`;
const RENEW = `UPDATE conversation_leases SET expires_at = clock_timestamp() + $3 * interval '1 millisecond' WHERE key = $1 AND holder = $2`;
const RELEASE = 'DELETE FROM conversation_leases WHERE key = $1 AND holder = $2';

/**
 * Cross-instance turn serialisation with leases: a row per conversation in `conversation_leases`, taken by one
 * atomic upsert (free, expired, or left by this very instance), renewed while the turn runs and deleted after it.
 * Two short statements per turn on the application's pool and no connection held meanwhile, so turns in flight
 * are not capped by a pool size while they wait for a model (a session advisory lock held its connection for the
 * whole turn: 10 connections, 10 turns at once). Expiry uses the database's clock, so instances' clocks may
 * differ. Calls in the same instance queue in memory first: the database only arbitrates between instances,
 * and a lease this instance still holds for a key is stale by construction (the key's previous turn has ended).
 * An instance that dies mid-turn holds its conversations until their lease expires (`leaseMs`, 15 s).
 */
export class PgConversationLock implements ConversationLock {
  private readonly local = new KeyedLock();
  private readonly holder = randomUUID();
  private readonly leaseMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PgConversationLockOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.timeoutMs = options.timeoutMs ?? CONVERSATION_LOCK_TIMEOUT_MS;
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.runLeased(key, fn));
  }

  private async runLeased<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    const params = [key, this.holder, this.leaseMs];
    const renewal = setInterval(() => {
      this.options.pool.query(RENEW, params).catch((error: unknown) => this.options.onLeaseError?.(error, key));
    }, this.leaseMs / 3);
    renewal.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      // Not released (database unreachable): the lease expires by itself.
      await this.options.pool.query(RELEASE, [key, this.holder]).catch((error: unknown) => this.options.onLeaseError?.(error, key));
    }
  }

  private async acquire(key: string): Promise<void> {
    const started = Date.now();
    let retryMs = FIRST_RETRY_MS;
    for (;;) {
      const { rowCount } = await this.options.pool.query(ACQUIRE, [key, this.holder, this.leaseMs]);
      if (rowCount === 1) return;
      const waited = Date.now() - started;
      if (waited >= this.timeoutMs) throw new ConversationBusyError(key, waited);
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, this.timeoutMs - waited)));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }
}
