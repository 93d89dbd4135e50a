import type pg from 'pg';
import type { DataLifecycle, EraseResult, EraseTarget, PersonExport, PurgeCounts, PurgeCutoffs } from '../ports/data-lifecycle.js';
import { normaliseEmail } from '../outbox-subject.js';
import { exportPerson, type ExportSources } from '../person-export.js';
import { conversationStateKeyPatterns, STATE_OF_OPEN_HANDOFF_SQL } from '../state-keys.js';
import { withTransaction } from './pg-transaction.js';
import { FEEDBACK_TABLES } from '../feedback-tables.js';

/** Retention and data-subject requests on PostgreSQL; each operation is one transaction. */
export class PgDataLifecycle implements DataLifecycle {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sources: ExportSources,
  ) {}

  async purgeOlderThan({ transcripts, leads }: PurgeCutoffs): Promise<PurgeCounts> {
    const conversationsBefore = transcripts.toISOString();
    const leadsBefore = leads.toISOString();
    return withTransaction(this.pool, async (client) => {
      const run = async (sql: string, cutoff: string) => (await client.query(sql, [cutoff])).rowCount ?? 0;
      const deleteOrphanFeedback = async () => {
        let removed = 0;
        for (const table of FEEDBACK_TABLES) removed += (await client.query(`DELETE FROM ${table} WHERE lead_id NOT IN (SELECT id FROM leads)`)).rowCount ?? 0;
        return removed;
      };
      return {
        transcripts:
          (await run('DELETE FROM transcripts WHERE at < $1', conversationsBefore)) +
          (await run('DELETE FROM widget_activities WHERE created_at < $1', conversationsBefore)),
        state: await run(`DELETE FROM bot_state WHERE updated_at < $1 AND NOT ${STATE_OF_OPEN_HANDOFF_SQL}`, conversationsBefore),
        references: await run(
          `DELETE FROM conversation_references WHERE updated_at < $1
           AND conversation_id NOT IN (SELECT conversation_id FROM handoffs WHERE status IN ('queued', 'live', 'expired'))`,
          conversationsBefore,
        ),
        processed: await run('DELETE FROM processed_activities WHERE created_at < $1', conversationsBefore),
        leads: (await run('DELETE FROM leads WHERE updated_at < $1', leadsBefore)) + (await deleteOrphanFeedback()),
        // An open handoff is still being worked on, however old.
        handoffs: await run(`DELETE FROM handoffs WHERE updated_at < $1 AND status NOT IN ('queued', 'live')`, leadsBefore),
        outbox: await run(`DELETE FROM outbox WHERE updated_at < $1 AND status IN ('delivered', 'dead')`, leadsBefore),
        // A lookup is about the lead: it goes with the leads' retention.
        enrichments: await run('DELETE FROM enrichments WHERE looked_up_at < $1', leadsBefore),
        // Oversized bus payloads are only needed for the few seconds it takes to relay them.
        busPayloads: await run('DELETE FROM bus_payloads WHERE created_at < $1', conversationsBefore),
        // Leases left by an instance that died, on conversations that never came back (any live turn renews its own).
        expiredLeases: (await client.query('DELETE FROM conversation_leases WHERE expires_at < clock_timestamp()')).rowCount ?? 0,
      };
    }).then(({ busPayloads: _payloads, expiredLeases: _leases, ...counts }) => counts);
  }

  async erasePerson(target: EraseTarget): Promise<EraseResult> {
    const email = 'email' in target ? normaliseEmail(target.email) : null;
    return withTransaction(this.pool, async (client) => {
      const ids = async (sql: string, params: unknown[]) =>
        (await client.query<{ id: string }>(sql, params)).rows.map((row) => String(row.id));
      const run = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rowCount ?? 0;
      const deleteFeedbackOf = async (leadIds: string[]) => {
        let removed = 0;
        for (const table of FEEDBACK_TABLES) removed += await run(`DELETE FROM ${table} WHERE lead_id = ANY($1::text[])`, [leadIds]);
        return removed;
      };

      const conversationIds =
        email === null
          ? [(target as { conversationId: string }).conversationId]
          : await ids(
              `SELECT conversation_id AS id FROM leads WHERE email = $1
               UNION SELECT subject_conversation_id FROM outbox WHERE subject_email = $1 AND subject_conversation_id IS NOT NULL
               UNION SELECT conversation_id FROM enrichments WHERE email = $1`,
              [email],
            );
      const leadIds = await ids('SELECT id FROM leads WHERE conversation_id = ANY($1::text[]) OR email = $2', [conversationIds, email]);
      const statePatterns = conversationIds.flatMap((id) => conversationStateKeyPatterns(id));
      return {
        conversationIds,
        leadIds,
        counts: {
          transcripts:
            (await run('DELETE FROM transcripts WHERE conversation_id = ANY($1::text[])', [conversationIds])) +
            (await run('DELETE FROM widget_activities WHERE conversation_id = ANY($1::text[])', [conversationIds])),
          // PostgreSQL's default LIKE escape character is the backslash the patterns use.
          state: await run('DELETE FROM bot_state WHERE key LIKE ANY($1::text[])', [statePatterns]),
          references: await run('DELETE FROM conversation_references WHERE conversation_id = ANY($1::text[])', [conversationIds]),
          processed: await run('DELETE FROM processed_activities WHERE conversation_id = ANY($1::text[])', [conversationIds]),
          handoffs: await run('DELETE FROM handoffs WHERE conversation_id = ANY($1::text[]) OR lead_id = ANY($2::text[])', [
            conversationIds,
            leadIds,
          ]),
          leads: (await run('DELETE FROM leads WHERE id = ANY($1::text[])', [leadIds])) + (await deleteFeedbackOf(leadIds)),
          outbox: await run('DELETE FROM outbox WHERE subject_conversation_id = ANY($1::text[]) OR subject_email = $2', [
            conversationIds,
            email,
          ]),
          enrichments: await run('DELETE FROM enrichments WHERE conversation_id = ANY($1::text[]) OR lead_id = ANY($2::text[]) OR email = $3', [
            conversationIds,
            leadIds,
            email,
          ]),
        },
      };
    });
  }

  async exportPerson(email: string): Promise<PersonExport> {
    return exportPerson(this.sources, email);
  }
}
