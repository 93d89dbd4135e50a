import type pg from 'pg';
import { postgresCodec, type Row } from '../row-mappers.js';
import { numberedPlaceholders, type SqlRunner, type SqlStatement } from '../sql-runner.js';
import { withTransaction } from './pg-transaction.js';

/** The pool behind the portable runner: `?` placeholders numbered, a batch in one transaction. */
export class PgSqlRunner implements SqlRunner {
  readonly engine = 'postgres' as const;
  readonly codec = postgresCodec;

  constructor(private readonly pool: pg.Pool) {}

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(numberedPlaceholders(sql), [...params])).rows as Row[];
  }

  async batch(statements: readonly SqlStatement[]): Promise<number[]> {
    return withTransaction(this.pool, async (client) => {
      const changes: number[] = [];
      for (const statement of statements) changes.push((await client.query(numberedPlaceholders(statement.sql), [...(statement.params ?? [])])).rowCount ?? 0);
      return changes;
    });
  }
}
