import type pg from 'pg';
import { normaliseEmail } from '../outbox-subject.js';
import type { EnrichmentRecord, EnrichmentRepository } from '../ports/enrichments.js';

export class PgEnrichmentRepository implements EnrichmentRepository {
  constructor(private readonly pool: pg.Pool) {}

  async save(record: EnrichmentRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO enrichments (lead_id, domain, conversation_id, email, result, looked_up_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (lead_id, domain) DO UPDATE SET conversation_id = excluded.conversation_id, email = excluded.email,
         result = excluded.result, looked_up_at = excluded.looked_up_at`,
      [record.leadId, record.domain, record.conversationId, record.email ? normaliseEmail(record.email) : null, JSON.stringify(record.result), record.lookedUpAt],
    );
  }

  async forLead(leadId: string): Promise<EnrichmentRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM enrichments WHERE lead_id = $1 ORDER BY looked_up_at DESC', [leadId]);
    return rows.map(toRecord);
  }

  async about(query: { conversationIds: readonly string[]; email?: string }): Promise<EnrichmentRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM enrichments WHERE conversation_id = ANY($1::text[]) OR email = $2 ORDER BY looked_up_at', [
      query.conversationIds,
      query.email ? normaliseEmail(query.email) : null,
    ]);
    return rows.map(toRecord);
  }
}

function toRecord(row: Record<string, unknown>): EnrichmentRecord {
  return {
    leadId: String(row.lead_id),
    conversationId: String(row.conversation_id),
    ...(row.email ? { email: String(row.email) } : {}),
    domain: String(row.domain),
    result: row.result as EnrichmentRecord['result'],
    lookedUpAt: row.looked_up_at instanceof Date ? row.looked_up_at.toISOString() : String(row.looked_up_at),
  };
}
