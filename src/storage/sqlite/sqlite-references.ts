import type BetterSqlite3 from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import type { ConversationReferenceRepository } from '../ports/conversation-references.js';

export class SqliteConversationReferenceRepository implements ConversationReferenceRepository {
  private readonly upsert: BetterSqlite3.Statement;
  private readonly select: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.upsert = db.prepare(
      `INSERT INTO conversation_references (conversation_id, reference, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.select = db.prepare('SELECT reference FROM conversation_references WHERE conversation_id = ?');
  }

  async save(conversationId: string, reference: Partial<ConversationReference>): Promise<void> {
    this.upsert.run(conversationId, JSON.stringify(reference), new Date().toISOString());
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const row = this.select.get(conversationId) as { reference: string } | undefined;
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : undefined;
  }
}
