import type BetterSqlite3 from 'better-sqlite3';
import type { LeadInput, LeadListQuery, LeadRecord, LeadRepository, LeadUpsertOptions } from '../ports/leads.js';
import { LEAD_COLUMNS, leadColumnValues } from '../lead-columns.js';
import { normaliseEmail } from '../outbox-subject.js';
import { sqliteCodec, toLead, type Row } from '../row-mappers.js';
import { VersionConflictError } from '../storage-errors.js';
import { preparedStatements } from './prepared-statements.js';

const placeholders = LEAD_COLUMNS.map(() => '?').join(', ');
const updates = LEAD_COLUMNS.filter((column) => column !== 'id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

export class SqliteLeadRepository implements LeadRepository {
  private readonly selectById: BetterSqlite3.Statement;
  private readonly insertOrReplace: BetterSqlite3.Statement;
  private readonly upsertOne: (lead: LeadInput, options: LeadUpsertOptions) => LeadRecord;
  private readonly prepare: (sql: string) => BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.prepare = preparedStatements(db);
    this.selectById = db.prepare('SELECT * FROM leads WHERE id = ?');
    this.insertOrReplace = db.prepare(
      `INSERT INTO leads (${LEAD_COLUMNS.join(', ')}, version, created_at, updated_at)
       VALUES (${placeholders}, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET ${updates}, version = excluded.version, updated_at = excluded.updated_at
       RETURNING *`,
    );
    // Read-then-write inside one IMMEDIATE transaction: the version check and the +1 cannot interleave.
    this.upsertOne = db.transaction((lead: LeadInput, options: LeadUpsertOptions) => {
      const existing = this.selectById.get(lead.id) as Row | undefined;
      const current = existing ? Number(existing.version) : 0;
      if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
        throw new VersionConflictError(lead.id, options.expectedVersion, current);
      }
      const now = new Date().toISOString();
      const row = this.insertOrReplace.get(...leadColumnValues(lead), current + 1, now, now) as Row;
      return toLead(row, sqliteCodec);
    }).immediate;
  }

  async upsert(lead: LeadInput, options: LeadUpsertOptions = {}): Promise<LeadRecord> {
    return this.upsertOne(lead, options);
  }

  async get(id: string): Promise<LeadRecord | undefined> {
    const row = this.selectById.get(id) as Row | undefined;
    return row ? toLead(row, sqliteCodec) : undefined;
  }

  async getByConversation(conversationId: string): Promise<LeadRecord | undefined> {
    const row = this
      .prepare('SELECT * FROM leads WHERE conversation_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1')
      .get(conversationId) as Row | undefined;
    return row ? toLead(row, sqliteCodec) : undefined;
  }

  async list(query: LeadListQuery = {}): Promise<LeadRecord[]> {
    const rows = this
      .prepare('SELECT * FROM leads WHERE updated_at >= ? ORDER BY updated_at DESC, rowid DESC LIMIT ?')
      .all(query.since ? query.since.toISOString() : '', query.limit ?? -1) as Row[];
    return rows.map((row) => toLead(row, sqliteCodec));
  }

  async findByEmail(email: string): Promise<LeadRecord[]> {
    const rows = this
      .prepare('SELECT * FROM leads WHERE email = ? ORDER BY updated_at DESC')
      .all(normaliseEmail(email)) as Row[];
    return rows.map((row) => toLead(row, sqliteCodec));
  }
}
