import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Database, StorageLogger } from './ports/database.js';
import { openPostgresDatabase } from './postgres/open-postgres.js';
import { openSqliteDatabase } from './sqlite/open-sqlite.js';

export interface OpenDatabaseOptions {
  /** `postgres://…` selects PostgreSQL; `:memory:` an in-memory SQLite (tests); absent, the SQLite file. */
  url?: string;
  /** Where the SQLite file `qualibot.sqlite` lives (created if missing). */
  dataDir: string;
  /** PostgreSQL connections per instance (DATABASE_POOL_SIZE, default 10). */
  poolSize?: number;
  logger?: StorageLogger;
}

export const SQLITE_FILENAME = 'qualibot.sqlite';

/**
 * The storage factory: SQLite by default, PostgreSQL when DATABASE_URL is set.
 * Migrations run before it resolves, so a returned database is ready to use.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { url, dataDir, logger, poolSize } = options;
  if (url && /^postgres(ql)?:\/\//i.test(url)) return openPostgresDatabase({ url, logger, poolSize });
  if (url === ':memory:' || (!url && dataDir === ':memory:')) return openSqliteDatabase({ filename: ':memory:', logger });
  if (url) throw new ConfigError(`Unsupported database URL (expected postgres:// or :memory:): ${redact(url)}`);
  mkdirSync(dataDir, { recursive: true });
  return openSqliteDatabase({ filename: join(dataDir, SQLITE_FILENAME), logger });
}

/** Never print a password found in a URL. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
