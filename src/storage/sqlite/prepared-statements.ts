import type BetterSqlite3 from "better-sqlite3";

/** Distinct SQL texts kept per database: repositories build a bounded set (a few dynamic WHERE / SET shapes). */
const MAX_STATEMENTS = 512;
const caches = new WeakMap<
  BetterSqlite3.Database,
  Map<string, BetterSqlite3.Statement>
>();

/**
 * better-sqlite3 compiles the SQL again at every `prepare`; repositories prepare through this, so each distinct
 * SQL text is compiled once per database however many turns run it (one cache shared by every repository).
 */
export function preparedStatements(
  db: BetterSqlite3.Database,
): (sql: string) => BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const statements = cache;
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS)
        statements.delete(statements.keys().next().value!);
      statements.set(sql, (statement = db.prepare(sql)));
    }
    return statement;
  };
}
