import type BetterSqlite3 from 'better-sqlite3';
import { normaliseEmail } from '../outbox-subject.js';
import type { EnrichmentRecord, EnrichmentRepository } from '../ports/enrichments.js';
import { preparedStatements } from './prepared-statements.js';

type Row = Record<string, unknown>;

export class SqliteEnrichmentRepository implements EnrichmentRepository {
  private readonly prepare: (sql: string) => BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.prepare = preparedStatements(db);
  }

  async save(record: EnrichmentRecord): Promise<void> {
    this
      .prepare(
        `INSERT INTO enrichments (lead_id, domain, conversation_id, email, result, looked_up_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (lead_id, domain) DO UPDATE SET conversation_id = excluded.conversation_id, email = excluded.email,
           result = excluded.result, looked_up_at = excluded.looked_up_at`,
      )
      .run(record.leadId, record.domain, record.conversationId, record.email ? normaliseEmail(record.email) : null, JSON.stringify(record.result), record.lookedUpAt);
  }

  async forLead(leadId: string): Promise<EnrichmentRecord[]> {
    return (this.prepare('SELECT * FROM enrichments WHERE lead_id = ? ORDER BY looked_up_at DESC').all(leadId) as Row[]).map(toRecord);
  }

  async about(query: { conversationIds: readonly string[]; email?: string }): Promise<EnrichmentRecord[]> {
    const rows = this
      .prepare('SELECT * FROM enrichments WHERE conversation_id IN (SELECT value FROM json_each(?)) OR email = ? ORDER BY looked_up_at')
      .all(JSON.stringify(query.conversationIds), query.email ? normaliseEmail(query.email) : null) as Row[];
    return rows.map(toRecord);
  }
}

function toRecord(row: Row): EnrichmentRecord {
  return {
    leadId: String(row.lead_id),
    conversationId: String(row.conversation_id),
    ...(row.email ? { email: String(row.email) } : {}),
    domain: String(row.domain),
    result: JSON.parse(String(row.result)) as EnrichmentRecord['result'],
    lookedUpAt: String(row.looked_up_at),
  };
}
