import type pg from 'pg';
import type { ConversationReference } from 'botbuilder';
import type { ConversationReferenceRepository } from '../ports/conversation-references.js';

export class PgConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(private readonly pool: pg.Pool) {}

  async save(conversationId: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversation_references (conversation_id, reference, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (conversation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at`,
      [conversationId, JSON.stringify(reference)],
    );
  }

  async get(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
    const { rows } = await this.pool.query<{ reference: Partial<ConversationReference> }>(
      'SELECT reference FROM conversation_references WHERE conversation_id = $1',
      [conversationId],
    );
    return rows[0]?.reference;
  }
}
