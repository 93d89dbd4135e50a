import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { preparedStatements } from '../../src/storage/sqlite/prepared-statements.js';

it('compiles each SQL text once per database, whichever repository asks', () => {
  const db = new BetterSqlite3(':memory:');
  const first = preparedStatements(db);
  const second = preparedStatements(db);
  const statement = first('SELECT 1 AS one');
  expect(second('SELECT 1 AS one')).toBe(statement);
  expect(first('SELECT 2 AS two')).not.toBe(statement);
  expect(statement.get()).toEqual({ one: 1 });
  const other = new BetterSqlite3(':memory:');
  expect(preparedStatements(other)('SELECT 1 AS one')).not.toBe(statement);
  db.close();
  other.close();
});

it('keeps a bounded number of statements: the oldest is compiled again when asked for', () => {
  const db = new BetterSqlite3(':memory:');
  const prepare = preparedStatements(db);
  const oldest = prepare('SELECT 0');
  for (let n = 1; n <= 600; n++) prepare(`SELECT ${n}`);
  expect(prepare('SELECT 600')).toBe(prepare('SELECT 600'));
  expect(prepare('SELECT 0')).not.toBe(oldest);
  db.close();
});
