import type pg from 'pg';
import { KeyedLock } from '../keyed-lock.js';
import type { ConversationLock } from '../ports.js';

/** First key of the two-int advisory-lock space used for conversations ("qb" in ASCII). */
const CONVERSATION_LOCK_NAMESPACE = 0x7162;

export interface PgConversationLockOptions {
  /** A pool used only for locks: a lock holds its connection for the whole turn, so it must not starve queries. */
  pool: pg.Pool;
  /** Give up waiting for another instance's turn after this long (default 30 s). */
  lockTimeoutMs?: number;
}

/**
 * Cross-process turn serialisation: `pg_advisory_xact_lock(namespace, hashtext(conversationId))` held
 * by an otherwise empty transaction for the duration of `fn`. Calls in the same process queue in memory
 * first, so each conversation uses at most one lock connection per instance. Rolling back releases the lock.
 * Note: a server-side `idle_in_transaction_session_timeout` shorter than a turn would end the lock early.
 */
export class PgConversationLock implements ConversationLock {
  private readonly local = new KeyedLock();

  constructor(private readonly options: PgConversationLockOptions) {}

  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, () => this.runLocked(conversationId, fn));
  }

  private async runLocked<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.options.pool.connect();
    let broken = false;
    // A checked-out client has no 'error' listener (the pool's is for idle ones): without this one, the
    // connection dropping while the turn runs would be an uncaught exception that ends the process.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${this.options.lockTimeoutMs ?? 30_000}ms`]);
      await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CONVERSATION_LOCK_NAMESPACE, conversationId]);
      return await fn();
    } finally {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      // A broken client keeps the listener: it is discarded, and may still report its end.
      if (!broken) client.off('error', onError);
      client.release(broken);
    }
  }
}
