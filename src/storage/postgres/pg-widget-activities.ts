import type { Activity } from 'botbuilder';
import type pg from 'pg';
import type { WidgetActivityRecord, WidgetActivityRepository } from '../ports/widget-history.js';
import { withTransaction } from './pg-transaction.js';

/**
 * First key of the two-int advisory-lock space for widget appends ("qw" in ASCII), apart from the
 * conversation-turn locks: an SDR message may be appended while a turn holds that one.
 */
const WIDGET_APPEND_NAMESPACE = 0x7177;

/**
 * The widget replay log on PostgreSQL. Appends to one conversation are serialised by a transaction
 * advisory lock, so two instances never read the same `MAX(seq)`; the INSERT runs after the lock is
 * granted and therefore sees every number taken before it.
 */
export class PgWidgetActivityRepository implements WidgetActivityRepository {
  constructor(private readonly pool: pg.Pool) {}

  async append(conversationId: string, activity: Partial<Activity>): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [WIDGET_APPEND_NAMESPACE, conversationId]);
      const { rows } = await client.query<{ seq: number }>(
        `INSERT INTO widget_activities (conversation_id, seq, activity, created_at)
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, now() FROM widget_activities WHERE conversation_id = $1
         RETURNING seq`,
        [conversationId, JSON.stringify(activity)],
      );
      return Number(rows[0]!.seq);
    });
  }

  async since(conversationId: string, afterSeq: number): Promise<WidgetActivityRecord[]> {
    const { rows } = await this.pool.query<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM widget_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq',
      [conversationId, afterSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), activity: JSON.parse(row.activity) as Partial<Activity> }));
  }
}
