import type BetterSqlite3 from 'better-sqlite3';
import type { ProcessedActivityRepository } from '../ports.js';

/** The primary key makes the claim atomic, also between processes sharing the file. */
export class SqliteProcessedActivityRepository implements ProcessedActivityRepository {
  private readonly insert: BetterSqlite3.Statement;
  private readonly select: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.select = db.prepare('SELECT 1 FROM processed_activities WHERE conversation_id = ? AND activity_id = ?');
    this.insert = db.prepare(
      'INSERT INTO processed_activities (conversation_id, activity_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    return this.insert.run(conversationId, activityId, new Date().toISOString()).changes === 1;
  }

  async has(conversationId: string, activityId: string): Promise<boolean> {
    return this.select.get(conversationId, activityId) !== undefined;
  }
}
