import type { Activity } from '../../channels/activity.js';
import type pg from 'pg';
import type { WidgetActivityRecord, WidgetActivityRepository } from '../ports/widget-history.js';

/** PostgreSQL's unique_violation: the primary key (conversation, seq) refused a number already taken. */
const UNIQUE_VIOLATION = '23505';
/**
 * Appends racing on one conversation are rare (a bot reply and an SDR message), but each round of a race lets only
 * one through: the bound leaves room for dozens of simultaneous appenders (the durability test races 20).
 */
const MAX_ATTEMPTS = 64;

const APPEND_NEXT = `
  INSERT INTO widget_activities (conversation_id, seq, activity, created_at)
  SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, now() FROM widget_activities WHERE conversation_id = $1
  RETURNING seq`;

/**
 * The widget replay log on PostgreSQL. An append is one statement that takes the conversation's next number;
 * should another instance take the same number between the MAX and the INSERT, the primary key refuses the
 * second one, which simply tries again with the next number. One round trip per append instead of four
 * (BEGIN, an advisory lock, the INSERT, COMMIT): every widget message is appended before its acknowledgement,
 * so these round trips were what acks waited for when the pool was busy.
 */
export class PgWidgetActivityRepository implements WidgetActivityRepository {
  constructor(private readonly pool: pg.Pool) {}

  async append(conversationId: string, activity: Partial<Activity>): Promise<number> {
    const json = JSON.stringify(activity);
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ seq: number }>(APPEND_NEXT, [conversationId, json]);
        return Number(rows[0]!.seq);
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
  async since(conversationId: string, afterSeq: number): Promise<WidgetActivityRecord[]> {
    const { rows } = await this.pool.query<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM widget_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq',
      [conversationId, afterSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), activity: JSON.parse(row.activity) as Partial<Activity> }));
  }
}
