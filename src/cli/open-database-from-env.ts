import { loadConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { openDatabase, type Database } from '../storage/index.js';

/** The database the server uses (DATABASE_URL or the SQLite file under DATA_DIR), for admin commands. */
export async function openDatabaseFromEnv(logger: Logger): Promise<Database> {
  const config = loadConfig();
  return openDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir, poolSize: config.storage.poolSize, logger });
}

/** Runs `fn` with the database and always closes it. */
export async function withDatabase<T>(logger: Logger, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabaseFromEnv(logger);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
