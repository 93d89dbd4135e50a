import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/storage/open-database.js';
import type { Database, StorageEngine } from '../../../src/storage/ports/database.js';
import { createTestDatabase } from '../../storage/pg-test-server.js';

/** A fresh, real database for one scenario, and how the server, the CLI and the test itself reach it. */
export interface DataStore {
  engine: StorageEngine;
  /** The environment that points a server or the CLI at this store (DATA_DIR, and DATABASE_URL for PostgreSQL). */
  env: Record<string, string>;
  /** Opens the store from the test process (the same database the children use). */
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

export async function createSqliteStore(): Promise<DataStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-durability-'));
  return {
    engine: 'sqlite',
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function createPostgresStore(): Promise<DataStore> {
  const database = await createTestDatabase();
  // DATA_DIR still matters with PostgreSQL: nothing may be written to the repository's ./data.
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-durability-'));
  return {
    engine: 'postgres',
    env: { DATABASE_URL: database.url, DATA_DIR: dataDir },
    open: () => openDatabase({ url: database.url, dataDir }),
    destroy: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with the store opened from the test process, closing it afterwards. */
export async function withStore<T>(store: DataStore, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await store.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
