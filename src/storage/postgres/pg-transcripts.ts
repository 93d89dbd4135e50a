import type pg from 'pg';
import type { TranscriptEntry, TranscriptRepository } from '../ports/transcripts.js';
import { postgresCodec, toTranscriptEntry } from '../row-mappers.js';

export class PgTranscriptRepository implements TranscriptRepository {
  constructor(private readonly pool: pg.Pool) {}

  async append(entry: TranscriptEntry): Promise<void> {
    await this.appendMany([entry]);
  }

  async appendMany(entries: readonly TranscriptEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One INSERT for every line (one column array each, whatever the count: one query plan). Rows
    // are inserted in array order, so lines stamped with the same instant keep their order by id.
    await this.pool.query(
      `INSERT INTO transcripts (conversation_id, sender, text, at, activity_id, author)
       SELECT conversation_id, sender, text, at, activity_id, author
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
         WITH ORDINALITY AS line (conversation_id, sender, text, at, activity_id, author, position)
       ORDER BY position
       ON CONFLICT DO NOTHING`,
      [
        entries.map((entry) => entry.conversationId),
        entries.map((entry) => entry.from),
        entries.map((entry) => entry.text),
        entries.map((entry) => new Date(entry.at).toISOString()),
        entries.map((entry) => entry.activityId ?? null),
        entries.map((entry) => entry.author ?? null),
      ],
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
