import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Storage, StoreItems } from '../../channels/activity.js';
import { EtagConflictError } from '../storage-errors.js';
import { withTransaction } from './pg-transaction.js';

/**
 * botbuilder `Storage` on PostgreSQL with real optimistic concurrency (same rules as the SQLite one):
 * eTag `*` or none overwrites, any other eTag must still be the stored one. Multi-key writes are atomic.
 */
export class PgStateStorage implements Storage {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; data: string; etag: string }>(
      'SELECT key, data, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    for (const row of rows) items[row.key] = { ...JSON.parse(row.data), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    // One key (every turn's ConversationState save) is one statement, atomic without BEGIN/COMMIT around it.
    if (entries.length === 1) {
      await writeOne(this.pool, ...entries[0]!);
      return;
    }
    if (entries.length > 1) {
      await withTransaction(this.pool, async (client) => {
        for (const [key, item] of entries) await writeOne(client, key, item);
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}

async function writeOne(queryable: pg.Pool | pg.PoolClient, key: string, item: StoreItems[string]): Promise<void> {
  const { eTag, ...data } = (item ?? {}) as { eTag?: string };
  const json = JSON.stringify(data);
  if (eTag === undefined || eTag === '*') {
    await queryable.query(
      `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at`,
      [key, json, randomUUID()],
    );
    return;
  }
  // The eTag check is in the UPDATE's WHERE: the row lock makes it a true compare-and-set.
  const result = await queryable.query('UPDATE bot_state SET data = $2, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4', [key, json, randomUUID(), eTag]);
  if (result.rowCount === 0) throw new EtagConflictError(key);
}
