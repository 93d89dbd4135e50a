import type BetterSqlite3 from 'better-sqlite3';
import { OPEN_HANDOFF_STATUSES, type HandoffInput, type HandoffListQuery, type HandoffRecord, type HandoffRepository, type HandoffTransition } from '../ports/handoffs.js';
import { preparedStatements } from './prepared-statements.js';
import { handoffPatchColumns, sqliteCodec, toHandoff, type Row } from '../row-mappers.js';

const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');

export class SqliteHandoffRepository implements HandoffRepository {
  private readonly prepare: (sql: string) => BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.prepare = preparedStatements(db);
  }

  async create(input: HandoffInput): Promise<HandoffRecord> {
    const now = new Date().toISOString();
    const row = this
      .prepare(
        `INSERT INTO handoffs (id, conversation_id, lead_id, status, reason, score, tier, packet, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        input.id,
        input.conversationId,
        input.leadId,
        input.status ?? 'queued',
        input.reason,
        input.score,
        input.tier,
        JSON.stringify(input.packet ?? null),
        now,
        now,
      ) as Row;
    return toHandoff(row, sqliteCodec);
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const row = this.prepare('SELECT * FROM handoffs WHERE id = ?').get(id) as Row | undefined;
    return row ? toHandoff(row, sqliteCodec) : undefined;
  }

  async getOpenByConversation(conversationId: string): Promise<HandoffRecord | undefined> {
    const row = this
      .prepare(
        `SELECT * FROM handoffs WHERE conversation_id = ? AND status IN (${marks(OPEN_HANDOFF_STATUSES.length)})
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(conversationId, ...OPEN_HANDOFF_STATUSES) as Row | undefined;
    return row ? toHandoff(row, sqliteCodec) : undefined;
  }

  async list(query: HandoffListQuery = {}): Promise<HandoffRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status !== undefined) {
      const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
      where.push(`status IN (${marks(statuses.length)})`);
      params.push(...statuses);
    }
    if (query.conversationId !== undefined) {
      where.push('conversation_id = ?');
      params.push(query.conversationId);
    }
    const sql = `SELECT * FROM handoffs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, rowid`;
    return (this.prepare(sql).all(...params) as Row[]).map((row) => toHandoff(row, sqliteCodec));
  }

  async countQueuedAhead(handoff: Pick<HandoffRecord, 'id' | 'score'>): Promise<number> {
    const row = this.prepare(`SELECT count(*) AS ahead FROM handoffs WHERE status = 'queued' AND score >= ? AND id <> ?`).get(handoff.score, handoff.id) as { ahead: number };
    return Number(row.ahead);
  }

  async transition(id: string, { from, to, patch = {} }: HandoffTransition): Promise<HandoffRecord | undefined> {
    if (from.length === 0) return undefined;
    const columns = handoffPatchColumns(patch);
    const sets = ['status = ?', 'updated_at = ?', ...columns.map(([column]) => `${column} = ?`)];
    const values = columns.map(([, value]) => value);
    // One UPDATE with the status check in its WHERE: the compare-and-set is atomic, even across processes.
    const row = this
      .prepare(`UPDATE handoffs SET ${sets.join(', ')} WHERE id = ? AND status IN (${marks(from.length)}) RETURNING *`)
      .get(to, new Date().toISOString(), ...values, id, ...from) as Row | undefined;
    return row ? toHandoff(row, sqliteCodec) : undefined;
  }
}
