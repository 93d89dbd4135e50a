import type { ColumnCodec, Row } from './row-mappers.js';
import type { StorageEngine } from './ports/database.js';

/** One statement and its parameters, written with `?` placeholders (PostgreSQL's runner numbers them). */
export interface SqlStatement {
  sql: string;
  params?: readonly unknown[];
}

/**
 * The little both engines share, for repositories written once in portable SQL (feedback, insights):
 * reads, and several writes all or none. Dialect differences stay in the callers' `dialect` fragments.
 */
export interface SqlRunner {
  readonly engine: StorageEngine;
  readonly codec: ColumnCodec;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs the statements in one transaction; returns how many rows each changed. */
  batch(statements: readonly SqlStatement[]): Promise<number[]>;
}

/** `?` → `$1, $2…` (our portable SQL never has a `?` inside a literal). */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
