import type pg from 'pg';
import type { ProcessedActivityRepository } from '../ports/processed-activities.js';

/** The primary key makes the claim atomic across processes: exactly one INSERT wins. */
export class PgProcessedActivityRepository implements ProcessedActivityRepository {
  constructor(private readonly pool: pg.Pool) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO processed_activities (conversation_id, activity_id, created_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING',
      [conversationId, activityId],
    );
    return result.rowCount === 1;
  }
}
