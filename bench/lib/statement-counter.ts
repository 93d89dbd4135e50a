import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/** What a statement does, from its SQL text. */
export type StatementKind = 'write' | 'read' | 'transaction' | 'lock' | 'other';

export interface StatementCounts {
  total: number;
  byKind: Record<StatementKind, number>;
  /** Transactions committed: explicit COMMITs, plus writes run outside a transaction (each its own commit). */
  commits: number;
  /** Writes per table (`INSERT INTO x`, `UPDATE x`, `DELETE FROM x`). */
  writesByTable: Record<string, number>;
  /** Reads per table (the first `FROM x` of a SELECT). */
  readsByTable: Record<string, number>;
}

/** Kind of a statement and, for reads and writes, the table it is about. */
export function classify(sql: string): { kind: StatementKind; table?: string } {
  const text = sql.replace(/^\s*(?:--[^\n]*\n\s*)*/, '').trim();
  const keyword = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? '';
  if (/pg_(?:try_)?advisory/i.test(text)) return { kind: 'lock' };
  if (['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'END'].includes(keyword)) return { kind: 'transaction' };
  const written = /^(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)/i.exec(text);
  if (written) return { kind: 'write', table: written[1]!.toLowerCase() };
  if (keyword === 'SELECT' || keyword === 'WITH') return { kind: 'read', table: /\bFROM\s+"?(\w+)/i.exec(text)?.[1]?.toLowerCase() };
  return { kind: 'other' };
}

function emptyCounts(): StatementCounts {
  return { total: 0, byKind: { write: 0, read: 0, transaction: 0, lock: 0, other: 0 }, commits: 0, writesByTable: {}, readsByTable: {} };
}

/**
 * Counts every SQL statement this process sends to SQLite (better-sqlite3 statements, transaction
 * control included) and PostgreSQL (pg `Client#query`, which pools use too), at the driver level,
 * so nothing a repository does is missed. `install()` patches the drivers until `uninstall()`.
 */
export class StatementCounter {
  private counts = emptyCounts();
  private readonly restore: Array<() => void> = [];

  install(): this {
    const sqlOf = (sql: unknown) => (typeof sql === 'string' ? sql : String((sql as { text?: unknown } | undefined)?.text ?? ''));
    // better-sqlite3 does not export its Statement class: reach its prototype through one statement.
    const probe = new BetterSqlite3(':memory:');
    const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
    probe.close();
    const countStatement = (sql: string, inTransaction: boolean) => this.add(sql, inTransaction);
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = statementPrototype[method]!;
      statementPrototype[method] = function (this: { source: string; database: BetterSqlite3.Database }, ...args: unknown[]) {
        countStatement(this.source, this.database.inTransaction);
        return original.apply(this, args);
      };
      this.restore.push(() => (statementPrototype[method] = original));
    }
    // pg keeps no transaction flag: follow BEGIN / COMMIT / ROLLBACK per connection.
    const inTransaction = new WeakSet<object>();
    const countQuery = (client: object, sql: string) => {
      this.add(sql, inTransaction.has(client));
      const keyword = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
      if (keyword === 'BEGIN') inTransaction.add(client);
      else if (keyword === 'COMMIT' || keyword === 'ROLLBACK' || keyword === 'END') inTransaction.delete(client);
    };
    const clientPrototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const originalQuery = clientPrototype.query;
    clientPrototype.query = function (this: object, ...args: unknown[]) {
      countQuery(this, sqlOf(args[0]));
      return originalQuery.apply(this, args);
    };
    this.restore.push(() => (clientPrototype.query = originalQuery));
    return this;
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  /** Counts so far, and starts over. */
  take(): StatementCounts {
    const counts = this.counts;
    this.counts = emptyCounts();
    return counts;
  }

  private add(sql: string, inTransaction: boolean): void {
    const { kind, table } = classify(sql);
    this.counts.total += 1;
    this.counts.byKind[kind] += 1;
    if (kind === 'write' ? !inTransaction : inTransaction && /^\s*(COMMIT|END)\b/i.test(sql)) this.counts.commits += 1;
    const byTable = kind === 'write' ? this.counts.writesByTable : kind === 'read' ? this.counts.readsByTable : undefined;
    if (byTable && table) byTable[table] = (byTable[table] ?? 0) + 1;
  }
}
