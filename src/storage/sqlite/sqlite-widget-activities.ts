import type BetterSqlite3 from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import type { WidgetActivityRecord, WidgetActivityRepository } from '../ports/widget-history.js';

/** The widget replay log on SQLite: one INSERT…SELECT takes the next number under the write lock. */
export class SqliteWidgetActivityRepository implements WidgetActivityRepository {
  private readonly insert: BetterSqlite3.Statement;
  private readonly selectSince: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.insert = db.prepare(
      `INSERT INTO widget_activities (conversation_id, seq, activity, created_at)
       SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM widget_activities WHERE conversation_id = ?
       RETURNING seq`,
    );
    this.selectSince = db.prepare('SELECT seq, activity FROM widget_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq');
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<number> {
    const row = this.insert.get(conversationId, JSON.stringify(activity), new Date().toISOString(), conversationId) as { seq: number };
    return Number(row.seq);
  }

  async since(conversationId: string, afterSeq: number): Promise<WidgetActivityRecord[]> {
    const rows = this.selectSince.all(conversationId, afterSeq) as Array<{ seq: number; activity: string }>;
    return rows.map((row) => ({ seq: Number(row.seq), activity: JSON.parse(row.activity) as Partial<Activity> }));
  }
}
