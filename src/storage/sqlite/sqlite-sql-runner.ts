import type BetterSqlite3 from 'better-sqlite3';
import { sqliteCodec, type Row } from '../row-mappers.js';
import { preparedStatements } from './prepared-statements.js';
import type { SqlRunner, SqlStatement } from '../sql-runner.js';

/** better-sqlite3 behind the portable runner: statements are cached, a batch is one IMMEDIATE transaction. */
export class SqliteSqlRunner implements SqlRunner {
  readonly engine = 'sqlite' as const;
  readonly codec = sqliteCodec;
  private readonly prepared: (sql: string) => BetterSqlite3.Statement;
  private readonly runBatch: (statements: readonly SqlStatement[]) => number[];

  constructor(db: BetterSqlite3.Database) {
    this.prepared = preparedStatements(db);
    this.runBatch = db.transaction((statements: readonly SqlStatement[]) =>
      statements.map((statement) => this.prepared(statement.sql).run(...toSqlite(statement.params)).changes),
    ).immediate;
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.prepared(sql).all(...toSqlite(params)) as Row[];
  }

  async batch(statements: readonly SqlStatement[]): Promise<number[]> {
    return this.runBatch(statements);
  }
}

/** SQLite binds no booleans, Dates nor undefined. */
function toSqlite(params: readonly unknown[] = []): unknown[] {
  return params.map((value) => (value === undefined ? null : value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? Number(value) : value));
}
