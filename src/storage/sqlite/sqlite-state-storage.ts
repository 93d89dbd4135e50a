import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Storage, StoreItems } from '../../channels/activity.js';
import { EtagConflictError } from '../storage-errors.js';

/**
 * botbuilder `Storage` on SQLite with real optimistic concurrency. A write with eTag `*` or none
 * overwrites (what BotState sends); a write with any other eTag succeeds only if it is still the
 * stored one. A multi-key write is all-or-nothing.
 */
export class SqliteStateStorage implements Storage {
  private readonly select: BetterSqlite3.Statement<[string]>;
  private readonly upsert: BetterSqlite3.Statement<[string, string, string, string]>;
  private readonly updateIfMatch: BetterSqlite3.Statement<[string, string, string, string, string]>;
  private readonly remove: BetterSqlite3.Statement<[string]>;
  private readonly writeAll: (changes: StoreItems) => void;

  constructor(db: BetterSqlite3.Database) {
    this.select = db.prepare('SELECT data, etag FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO bot_state (key, data, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET data = excluded.data, etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.updateIfMatch = db.prepare('UPDATE bot_state SET data = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?');
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.writeAll = db.transaction((changes: StoreItems) => {
      const now = new Date().toISOString();
      for (const [key, item] of Object.entries(changes)) this.writeOne(key, item, now);
    }).immediate;
  }

  private writeOne(key: string, item: StoreItems[string], now: string): void {
    const { eTag, ...data } = (item ?? {}) as { eTag?: string };
    const json = JSON.stringify(data);
    const etag = randomUUID();
    if (eTag === undefined || eTag === '*') {
      this.upsert.run(key, json, etag, now);
    } else if (this.updateIfMatch.run(json, etag, now, key, eTag).changes === 0) {
      // Stale eTag, or the item was deleted since it was read: writing would resurrect or clobber it.
      throw new EtagConflictError(key);
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key) as { data: string; etag: string } | undefined;
      if (row) items[key] = { ...JSON.parse(row.data), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    // One key (every turn's ConversationState save) is one statement, atomic without BEGIN/COMMIT around it.
    if (keys.length === 1) this.writeOne(keys[0]!, changes[keys[0]!], new Date().toISOString());
    else if (keys.length > 1) this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove.run(key);
  }
}
