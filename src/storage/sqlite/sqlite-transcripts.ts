import type BetterSqlite3 from 'better-sqlite3';
import type { TranscriptEntry, TranscriptRepository } from '../ports/transcripts.js';
import { sqliteCodec, toTranscriptEntry, type Row } from '../row-mappers.js';

export class SqliteTranscriptRepository implements TranscriptRepository {
  private readonly insert: BetterSqlite3.Statement;
  private readonly insertAll: (entries: readonly TranscriptEntry[]) => void;
  private readonly selectByConversation: BetterSqlite3.Statement;
  private readonly deleteByConversation: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.insert = db.prepare(
      'INSERT INTO transcripts (conversation_id, sender, text, at, activity_id, author) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.insertAll = db.transaction((entries: readonly TranscriptEntry[]) => {
      for (const entry of entries) this.insert.run(...columnValues(entry));
    });
    this.selectByConversation = db.prepare('SELECT * FROM transcripts WHERE conversation_id = ? ORDER BY at, id');
    this.deleteByConversation = db.prepare('DELETE FROM transcripts WHERE conversation_id = ?');
  }

  async append(entry: TranscriptEntry): Promise<void> {
    this.insert.run(...columnValues(entry));
  }

  async appendMany(entries: readonly TranscriptEntry[]): Promise<void> {
    // One line needs no BEGIN/COMMIT around it: a single INSERT is its own transaction.
    if (entries.length === 1) this.insert.run(...columnValues(entries[0]!));
    else if (entries.length > 1) this.insertAll(entries);
  }

  async list(conversationId: string): Promise<TranscriptEntry[]> {
    return (this.selectByConversation.all(conversationId) as Row[]).map((row) => toTranscriptEntry(row, sqliteCodec));
  }

  async deleteConversation(conversationId: string): Promise<number> {
    return this.deleteByConversation.run(conversationId).changes;
  }
}

function columnValues(entry: TranscriptEntry): [string, string, string, string, string | null, string | null] {
  return [entry.conversationId, entry.from, entry.text, new Date(entry.at).toISOString(), entry.activityId ?? null, entry.author ?? null];
}
