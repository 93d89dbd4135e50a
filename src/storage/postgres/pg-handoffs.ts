import type pg from 'pg';
import { OPEN_HANDOFF_STATUSES, type HandoffInput, type HandoffListQuery, type HandoffRecord, type HandoffRepository, type HandoffTransition } from '../ports/handoffs.js';
import { handoffPatchColumns, postgresCodec, toHandoff } from '../row-mappers.js';

export class PgHandoffRepository implements HandoffRepository {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: HandoffInput): Promise<HandoffRecord> {
    const { rows } = await this.pool.query(
      `INSERT INTO handoffs (id, conversation_id, lead_id, status, reason, score, tier, packet, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now()) RETURNING *`,
      [
        input.id,
        input.conversationId,
        input.leadId,
        input.status ?? 'queued',
        input.reason,
        input.score,
        input.tier,
        JSON.stringify(input.packet ?? null),
      ],
    );
    return toHandoff(rows[0], postgresCodec);
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM handoffs WHERE id = $1', [id]);
    return rows[0] ? toHandoff(rows[0], postgresCodec) : undefined;
  }

  async getOpenByConversation(conversationId: string): Promise<HandoffRecord | undefined> {
    const { rows } = await this.pool.query(
      `SELECT * FROM handoffs WHERE conversation_id = $1 AND status = ANY($2::text[])
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId, OPEN_HANDOFF_STATUSES],
    );
    return rows[0] ? toHandoff(rows[0], postgresCodec) : undefined;
  }

  async list(query: HandoffListQuery = {}): Promise<HandoffRecord[]> {
    const statuses = query.status === undefined ? null : typeof query.status === 'string' ? [query.status] : [...query.status];
    const { rows } = await this.pool.query(
      `SELECT * FROM handoffs
       WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::text IS NULL OR conversation_id = $2)
       ORDER BY created_at, id`,
      [statuses, query.conversationId ?? null],
    );
    return rows.map((row) => toHandoff(row, postgresCodec));
  }

  async countQueuedAhead(handoff: Pick<HandoffRecord, 'id' | 'score'>): Promise<number> {
    const { rows } = await this.pool.query<{ ahead: number }>(`SELECT count(*)::int AS ahead FROM handoffs WHERE status = 'queued' AND score >= $1 AND id <> $2`, [handoff.score, handoff.id]);
    return rows[0]!.ahead;
  }

  async transition(id: string, { from, to, patch = {} }: HandoffTransition): Promise<HandoffRecord | undefined> {
    if (from.length === 0) return undefined;
    const params: unknown[] = [id, [...from], to];
    const sets = ['status = $3', 'updated_at = now()'];
    for (const [column, value] of handoffPatchColumns(patch)) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    // Compare-and-set in one UPDATE: concurrent claimers queue on the row lock and re-check the status.
    const { rows } = await this.pool.query(
      `UPDATE handoffs SET ${sets.join(', ')} WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
      params,
    );
    return rows[0] ? toHandoff(rows[0], postgresCodec) : undefined;
  }
}
