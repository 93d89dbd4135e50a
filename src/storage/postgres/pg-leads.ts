import type pg from 'pg';
import type { LeadInput, LeadListQuery, LeadRecord, LeadRepository, LeadUpsertOptions } from '../ports/leads.js';
import { LEAD_COLUMNS, leadColumnValues } from '../lead-columns.js';
import { normaliseEmail } from '../outbox-subject.js';
import { postgresCodec, toLead } from '../row-mappers.js';
import { VersionConflictError } from '../storage-errors.js';

const columns = LEAD_COLUMNS.join(', ');
const values = LEAD_COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
const n = LEAD_COLUMNS.length;
const excludedSets = LEAD_COLUMNS.filter((column) => column !== 'id')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');
const paramSets = LEAD_COLUMNS.map((column, index) => [column, index] as const)
  .filter(([column]) => column !== 'id')
  .map(([column, index]) => `${column} = $${index + 1}`)
  .join(', ');

/** Each upsert is one statement, so the version bump is atomic without an explicit transaction. */
export class PgLeadRepository implements LeadRepository {
  constructor(private readonly pool: pg.Pool) {}

  async upsert(lead: LeadInput, options: LeadUpsertOptions = {}): Promise<LeadRecord> {
    const params = leadColumnValues(lead);
    const expected = options.expectedVersion;
    let sql: string;
    if (expected === undefined) {
      sql = `INSERT INTO leads (${columns}, version, created_at, updated_at) VALUES (${values}, 1, now(), now())
             ON CONFLICT (id) DO UPDATE SET ${excludedSets}, version = leads.version + 1, updated_at = EXCLUDED.updated_at
             RETURNING *`;
    } else if (expected === 0) {
      sql = `INSERT INTO leads (${columns}, version, created_at, updated_at) VALUES (${values}, 1, now(), now())
             ON CONFLICT (id) DO NOTHING RETURNING *`;
    } else {
      sql = `UPDATE leads SET ${paramSets}, version = version + 1, updated_at = now()
             WHERE id = $1 AND version = $${n + 1} RETURNING *`;
      params.push(String(expected));
    }
    const { rows } = await this.pool.query(sql, params);
    if (rows[0]) return toLead(rows[0], postgresCodec);
    const current = await this.get(lead.id);
    throw new VersionConflictError(lead.id, expected ?? 0, current?.version ?? 0);
  }

  async get(id: string): Promise<LeadRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM leads WHERE id = $1', [id]);
    return rows[0] ? toLead(rows[0], postgresCodec) : undefined;
  }

  async getByConversation(conversationId: string): Promise<LeadRecord | undefined> {
    const { rows } = await this.pool.query(
      'SELECT * FROM leads WHERE conversation_id = $1 ORDER BY updated_at DESC, id DESC LIMIT 1',
      [conversationId],
    );
    return rows[0] ? toLead(rows[0], postgresCodec) : undefined;
  }

  async list(query: LeadListQuery = {}): Promise<LeadRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM leads WHERE ($1::timestamptz IS NULL OR updated_at >= $1)
       ORDER BY updated_at DESC, id DESC LIMIT $2`,
      [query.since ? query.since.toISOString() : null, query.limit ?? null],
    );
    return rows.map((row) => toLead(row, postgresCodec));
  }

  async findByEmail(email: string): Promise<LeadRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM leads WHERE email = $1 ORDER BY updated_at DESC', [normaliseEmail(email)]);
    return rows.map((row) => toLead(row, postgresCodec));
  }
}
