import type pg from 'pg';
import { KeyedLock } from '../keyed-lock.js';
import type { ConversationLock } from '../ports/conversation-lock.js';

/** First key of the two-int advisory-lock space used for conversations ("qb" in ASCII). */
const CONVERSATION_LOCK_NAMESPACE = 0x7162;

/** Give up waiting for another instance's turn after this long: the `lock_timeout` of the lock pool's connections. */
export const CONVERSATION_LOCK_TIMEOUT_MS = 30_000;

export interface PgConversationLockOptions {
  /**
   * A pool used only for locks: a lock holds its connection for the whole turn, so it must not starve
   * queries. Its connections carry `lock_timeout` (set once, when they connect, not on every turn).
   */
  pool: pg.Pool;
}

/**
 * Cross-process turn serialisation: a session advisory lock `(namespace, hashtext(conversationId))`
 * taken on a connection of the lock pool for the duration of `fn`, then released. Two round trips per
 * turn, no transaction. Calls in the same process queue in memory first, so each conversation uses at
 * most one lock connection per instance (and a session never holds the same lock twice).
 * Should the unlock fail, the connection is discarded: ending the session releases its locks.
 * Note: a server-side `idle_session_timeout` shorter than a turn would end the lock early.
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
    let locked = false;
    // A checked-out client has no 'error' listener (the pool's is for idle ones): without this one, the
    // connection dropping while the turn runs would be an uncaught exception that ends the process.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    const key = [CONVERSATION_LOCK_NAMESPACE, conversationId];
    try {
      await client.query('SELECT pg_advisory_lock($1::int, hashtext($2))', key);
      locked = true;
      return await fn();
    } finally {
      if (locked) {
        await client.query('SELECT pg_advisory_unlock($1::int, hashtext($2))', key).catch(() => {
          broken = true;
        });
      }
      // A broken client keeps the listener: it is discarded, and may still report its end.
      if (!broken) client.off('error', onError);
      client.release(broken);
    }
  }
}
