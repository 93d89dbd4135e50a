import type BetterSqlite3 from 'better-sqlite3';
import type { DataLifecycle, EraseResult, EraseTarget, PersonExport, PurgeCounts, PurgeCutoffs } from '../ports/data-lifecycle.js';
import { normaliseEmail } from '../outbox-subject.js';
import { exportPerson, type ExportSources } from '../person-export.js';
import { conversationStateKeyPatterns, STATE_OF_OPEN_HANDOFF_SQL } from '../state-keys.js';
import { FEEDBACK_TABLES } from '../feedback-tables.js';

/**
 * Retention and data-subject requests on SQLite. Each operation is one IMMEDIATE transaction,
 * so an erasure is all-or-nothing. Id lists are passed as one JSON parameter (`json_each`).
 */
export class SqliteDataLifecycle implements DataLifecycle {
  private readonly purge: (cutoffs: PurgeCutoffs) => PurgeCounts;
  private readonly erase: (target: EraseTarget) => EraseResult;

  constructor(
    db: BetterSqlite3.Database,
    private readonly sources: ExportSources,
  ) {
    const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
    const ids = (sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().all(...params) as unknown[]).map(String);

    this.purge = db.transaction(({ transcripts, leads }: PurgeCutoffs): PurgeCounts => {
      const conversationsBefore = transcripts.toISOString();
      const leadsBefore = leads.toISOString();
      return {
        transcripts:
          run('DELETE FROM transcripts WHERE at < ?', conversationsBefore) +
          run('DELETE FROM widget_activities WHERE created_at < ?', conversationsBefore),
        state: run(`DELETE FROM bot_state WHERE updated_at < ? AND NOT ${STATE_OF_OPEN_HANDOFF_SQL}`, conversationsBefore),
        references: run(
          `DELETE FROM conversation_references WHERE updated_at < ?
           AND conversation_id NOT IN (SELECT conversation_id FROM handoffs WHERE status IN ('queued', 'live', 'expired'))`,
          conversationsBefore,
        ),
        processed: run('DELETE FROM processed_activities WHERE created_at < ?', conversationsBefore),
        leads: run('DELETE FROM leads WHERE updated_at < ?', leadsBefore) + FEEDBACK_TABLES.reduce((sum, table) => sum + run(`DELETE FROM ${table} WHERE lead_id NOT IN (SELECT id FROM leads)`), 0),
        // An open handoff is still being worked on, however old.
        handoffs: run(`DELETE FROM handoffs WHERE updated_at < ? AND status NOT IN ('queued', 'live')`, leadsBefore),
        outbox: run(`DELETE FROM outbox WHERE updated_at < ? AND status IN ('delivered', 'dead')`, leadsBefore),
        // A lookup is about the lead: it goes with the leads' retention.
        enrichments: run('DELETE FROM enrichments WHERE looked_up_at < ?', leadsBefore),
      };
    }).immediate;

    this.erase = db.transaction((target: EraseTarget): EraseResult => {
      const email = 'email' in target ? normaliseEmail(target.email) : null;
      const conversationIds =
        email === null
          ? [(target as { conversationId: string }).conversationId]
          : ids(
              `SELECT conversation_id FROM leads WHERE email = ?
               UNION SELECT subject_conversation_id FROM outbox WHERE subject_email = ? AND subject_conversation_id IS NOT NULL
               UNION SELECT conversation_id FROM enrichments WHERE email = ?`,
              email,
              email,
              email,
            );
      const list = JSON.stringify(conversationIds);
      const inList = 'IN (SELECT value FROM json_each(?))';
      const leadIds = ids(`SELECT id FROM leads WHERE conversation_id ${inList} OR email = ?`, list, email);
      let state = 0;
      for (const conversationId of conversationIds) {
        const [exact, nested] = conversationStateKeyPatterns(conversationId);
        state += run(`DELETE FROM bot_state WHERE key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\'`, exact, nested);
      }
      return {
        conversationIds,
        leadIds,
        counts: {
          transcripts:
            run(`DELETE FROM transcripts WHERE conversation_id ${inList}`, list) +
            run(`DELETE FROM widget_activities WHERE conversation_id ${inList}`, list),
          state,
          references: run(`DELETE FROM conversation_references WHERE conversation_id ${inList}`, list),
          processed: run(`DELETE FROM processed_activities WHERE conversation_id ${inList}`, list),
          handoffs: run(
            `DELETE FROM handoffs WHERE conversation_id ${inList} OR lead_id ${inList}`,
            list,
            JSON.stringify(leadIds),
          ),
          leads:
            run(`DELETE FROM leads WHERE id ${inList}`, JSON.stringify(leadIds)) +
            FEEDBACK_TABLES.reduce((sum, table) => sum + run(`DELETE FROM ${table} WHERE lead_id ${inList}`, JSON.stringify(leadIds)), 0),
          outbox: run(
            `DELETE FROM outbox WHERE subject_conversation_id ${inList} OR subject_email = ?`,
            list,
            email,
          ),
          enrichments: run(`DELETE FROM enrichments WHERE conversation_id ${inList} OR lead_id ${inList} OR email = ?`, list, JSON.stringify(leadIds), email),
        },
      };
    }).immediate;
  }

  async purgeOlderThan(cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
    return this.purge(cutoffs);
  }

  async erasePerson(target: EraseTarget): Promise<EraseResult> {
    return this.erase(target);
  }

  async exportPerson(email: string): Promise<PersonExport> {
    return exportPerson(this.sources, email);
  }
}
