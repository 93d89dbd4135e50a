import type BetterSqlite3 from 'better-sqlite3';
import type { ProcessedActivityRepository } from '../ports/processed-activities.js';

/** The primary key makes the claim atomic, also between processes sharing the file. */
export class SqliteProcessedActivityRepository implements ProcessedActivityRepository {
  private readonly insert: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.insert = db.prepare(
      'INSERT INTO processed_activities (conversation_id, activity_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    return this.insert.run(conversationId, activityId, new Date().toISOString()).changes === 1;
  }
}
