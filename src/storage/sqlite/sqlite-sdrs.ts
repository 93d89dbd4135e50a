import type BetterSqlite3 from 'better-sqlite3';
import type { SdrInput, SdrRecord, SdrRepository } from '../ports/sdrs.js';
import { normaliseEmail } from '../outbox-subject.js';
import { rolesColumn, sqliteCodec, toSdr, type Row } from '../row-mappers.js';
import { StorageConflictError } from '../storage-errors.js';
import { preparedStatements } from './prepared-statements.js';

export class SqliteSdrRepository implements SdrRepository {
  private readonly prepare: (sql: string) => BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.prepare = preparedStatements(db);
  }

  async add(input: SdrInput): Promise<SdrRecord> {
    const email = normaliseEmail(input.email);
    const row = this
      .prepare(
        `INSERT INTO sdrs (id, email, name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING *`,
      )
      .get(input.id, email, input.name, input.passwordHash, rolesColumn(input.roles), new Date().toISOString()) as Row | undefined;
    if (!row) throw new StorageConflictError(`An SDR with id ${input.id} or email ${email} already exists`);
    return toSdr(row, sqliteCodec);
  }

  async list(): Promise<SdrRecord[]> {
    return (this.prepare('SELECT * FROM sdrs ORDER BY created_at, email').all() as Row[]).map((row) => toSdr(row, sqliteCodec));
  }

  async remove(id: string): Promise<boolean> {
    return this.prepare('DELETE FROM sdrs WHERE id = ?').run(id).changes > 0;
  }

  async findByEmail(email: string): Promise<SdrRecord | undefined> {
    const row = this.prepare('SELECT * FROM sdrs WHERE email = ?').get(normaliseEmail(email)) as Row | undefined;
    return row ? toSdr(row, sqliteCodec) : undefined;
  }

  async get(id: string): Promise<SdrRecord | undefined> {
    const row = this.prepare('SELECT * FROM sdrs WHERE id = ?').get(id) as Row | undefined;
    return row ? toSdr(row, sqliteCodec) : undefined;
  }
}
