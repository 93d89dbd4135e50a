import type pg from 'pg';
import type { TranscriptEntry, TranscriptRepository } from '../ports.js';
import { postgresCodec, toTranscriptEntry } from '../row-mappers.js';

export class PgTranscriptRepository implements TranscriptRepository {
  constructor(private readonly pool: pg.Pool) {}

  async append(entry: TranscriptEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO transcripts (conversation_id, sender, text, at, activity_id, author) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [entry.conversationId, entry.from, entry.text, new Date(entry.at).toISOString(), entry.activityId ?? null, entry.author ?? null],
    );
  }

  async list(conversationId: string): Promise<TranscriptEntry[]> {
    const { rows } = await this.pool.query('SELECT * FROM transcripts WHERE conversation_id = $1 ORDER BY at, id', [conversationId]);
    return rows.map((row) => toTranscriptEntry(row, postgresCodec));
  }

  async deleteConversation(conversationId: string): Promise<number> {
    return (await this.pool.query('DELETE FROM transcripts WHERE conversation_id = $1', [conversationId])).rowCount ?? 0;
  }
}
