import type BetterSqlite3 from 'better-sqlite3';
import { assertOrdered, type Migration } from '../migrations/index.js';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one IMMEDIATE transaction
 * (SQLite's write lock makes a concurrent start wait, then find them applied). Returns the versions applied.
 */
export function migrateSqlite(db: BetterSqlite3.Database, migrations: readonly Migration[]): number[] {
  assertOrdered(migrations);
  return db.transaction(() => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }
    return done;
  }).immediate();
}
