import type { CrmOutcomeInput, CrmOutcomeRecord, FactCorrection, FeedbackRepository, LabelledLead, LabelledLeadQuery, VerdictRecord } from './ports/feedback.js';
import { toLead, type Row } from './row-mappers.js';
import type { SqlRunner, SqlStatement } from './sql-runner.js';

/** Verdicts, corrections and CRM outcomes, in the same portable SQL on both engines. */
export class SqlFeedbackRepository implements FeedbackRepository {
  constructor(private readonly sql: SqlRunner) {}

  async recordVerdict(verdict: VerdictRecord): Promise<{ verdict: VerdictRecord; created: boolean }> {
    const existing = await this.verdictOf(verdict.handoffId);
    if (existing) return { verdict: existing, created: false };
    const statements: SqlStatement[] = [
      {
        sql: `INSERT INTO verdicts (handoff_id, lead_id, conversation_id, verdict, outcome, reason_id, note, sdr_id, sdr_name, via, decided_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (handoff_id) DO NOTHING`,
        params: [verdict.handoffId, verdict.leadId, verdict.conversationId, verdict.verdict, verdict.outcome, verdict.reasonId ?? null, verdict.note ?? null, verdict.sdrId ?? null, verdict.sdrName ?? null, verdict.via, verdict.decidedAt],
      },
      ...[...new Set(verdict.missingSignals)].map((dimension) => ({
        sql: 'INSERT INTO verdict_missing_signals (handoff_id, lead_id, dimension) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        params: [verdict.handoffId, verdict.leadId, dimension],
      })),
      ...verdict.corrections.map((correction) => ({
        sql: 'INSERT INTO fact_corrections (handoff_id, lead_id, dimension, extracted, corrected, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        params: [verdict.handoffId, verdict.leadId, correction.dimension, correction.extracted ?? null, correction.corrected, verdict.decidedAt],
      })),
    ];
    const [inserted] = await this.sql.batch(statements);
    // Lost a race with the same handoff's verdict: the first one stands (its own rows came with it).
    if (!inserted) return { verdict: (await this.verdictOf(verdict.handoffId)) ?? verdict, created: false };
    return { verdict: (await this.verdictOf(verdict.handoffId)) ?? verdict, created: true };
  }

  async verdictOf(handoffId: string): Promise<VerdictRecord | undefined> {
    const [row] = await this.sql.all('SELECT * FROM verdicts WHERE handoff_id = ?', [handoffId]);
    if (!row) return undefined;
    const [signals, corrections] = await Promise.all([
      this.sql.all('SELECT dimension FROM verdict_missing_signals WHERE handoff_id = ? ORDER BY dimension', [handoffId]),
      this.sql.all('SELECT dimension, extracted, corrected FROM fact_corrections WHERE handoff_id = ? ORDER BY dimension', [handoffId]),
    ]);
    return this.toVerdict(row, signals.map((signal) => String(signal.dimension)), corrections.map(toCorrection));
  }

  async recordOutcome(outcome: CrmOutcomeInput, receivedAt: Date): Promise<{ created: boolean }> {
    const [inserted] = await this.sql.batch([
      {
        sql: `INSERT INTO crm_outcomes (event_id, lead_id, kind, occurred_at, amount, currency, reason, received_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
        params: [outcome.eventId, outcome.leadId, outcome.kind, outcome.occurredAt, outcome.amount ?? null, outcome.currency ?? null, outcome.reason ?? null, receivedAt.toISOString()],
      },
    ]);
    return { created: inserted === 1 };
  }

  async outcomesOf(leadId: string): Promise<CrmOutcomeRecord[]> {
    const rows = await this.sql.all('SELECT * FROM crm_outcomes WHERE lead_id = ? ORDER BY occurred_at, event_id', [leadId]);
    return rows.map((row) => this.toOutcome(row));
  }

  async labelled(query: LabelledLeadQuery = {}): Promise<LabelledLead[]> {
    const conditions: Array<[string, unknown]> = [
      ['v.decided_at >= ?', query.since?.toISOString()],
      ['v.decided_at < ?', query.until?.toISOString()],
      ['l.playbook_id = ?', query.playbookId],
    ];
    const given = conditions.filter(([, value]) => value !== undefined);
    const where = given.map(([clause]) => clause);
    const params = given.map(([, value]) => value);
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    // The judged handoffs once, as a subquery; then every table in one read each (not four queries per lead).
    const judged = `SELECT v.handoff_id FROM verdicts v JOIN leads l ON l.id = v.lead_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.decided_at, v.handoff_id${limit}`;
    const ofJudged = (sql: string) => this.sql.all(sql.replace('JUDGED', judged), params);
    const [rows, verdicts, signals, corrections, outcomes] = await Promise.all([
      ofJudged(`SELECT v.handoff_id AS judged_handoff, l.* FROM verdicts v JOIN leads l ON l.id = v.lead_id WHERE v.handoff_id IN (JUDGED) ORDER BY v.decided_at, v.handoff_id`),
      ofJudged('SELECT * FROM verdicts WHERE handoff_id IN (JUDGED)'),
      ofJudged('SELECT handoff_id, dimension FROM verdict_missing_signals WHERE handoff_id IN (JUDGED) ORDER BY handoff_id, dimension'),
      ofJudged('SELECT handoff_id, dimension, extracted, corrected FROM fact_corrections WHERE handoff_id IN (JUDGED) ORDER BY handoff_id, dimension'),
      ofJudged('SELECT * FROM crm_outcomes WHERE lead_id IN (SELECT lead_id FROM verdicts WHERE handoff_id IN (JUDGED)) ORDER BY occurred_at, event_id'),
    ]);
    const byKey = <T>(items: Row[], key: string, map: (row: Row) => T) => {
      const grouped = new Map<string, T[]>();
      for (const row of items) {
        const list = grouped.get(String(row[key])) ?? [];
        list.push(map(row));
        grouped.set(String(row[key]), list);
      }
      return grouped;
    };
    const verdictRows = new Map(verdicts.map((row) => [String(row.handoff_id), row]));
    const signalsOf = byKey(signals, 'handoff_id', (row) => String(row.dimension));
    const correctionsOf = byKey(corrections, 'handoff_id', toCorrection);
    const outcomesOf = byKey(outcomes, 'lead_id', (row) => this.toOutcome(row));
    const labelled: LabelledLead[] = [];
    for (const row of rows) {
      const handoffId = String(row.judged_handoff);
      const verdictRow = verdictRows.get(handoffId);
      if (!verdictRow) continue;
      const verdict = this.toVerdict(verdictRow, signalsOf.get(handoffId) ?? [], correctionsOf.get(handoffId) ?? []);
      labelled.push({ lead: toLead(row, this.sql.codec), verdict, outcomes: outcomesOf.get(verdict.leadId) ?? [] });
    }
    return labelled;
  }

  private toVerdict(row: Row, missingSignals: string[], corrections: FactCorrection[]): VerdictRecord {
    return {
      handoffId: String(row.handoff_id),
      leadId: String(row.lead_id),
      conversationId: String(row.conversation_id),
      verdict: String(row.verdict) as VerdictRecord['verdict'],
      outcome: String(row.outcome),
      ...(row.reason_id ? { reasonId: String(row.reason_id) } : {}),
      ...(row.note ? { note: String(row.note) } : {}),
      missingSignals,
      corrections,
      ...(row.sdr_id ? { sdrId: String(row.sdr_id) } : {}),
      ...(row.sdr_name ? { sdrName: String(row.sdr_name) } : {}),
      via: String(row.via) as VerdictRecord['via'],
      decidedAt: this.sql.codec.time(row.decided_at),
    };
  }

  private toOutcome(row: Row): CrmOutcomeRecord {
    return {
      eventId: String(row.event_id),
      leadId: String(row.lead_id),
      kind: String(row.kind) as CrmOutcomeRecord['kind'],
      occurredAt: this.sql.codec.time(row.occurred_at),
      ...(row.amount !== null && row.amount !== undefined ? { amount: Number(row.amount) } : {}),
      ...(row.currency ? { currency: String(row.currency) } : {}),
      ...(row.reason ? { reason: String(row.reason) } : {}),
      receivedAt: this.sql.codec.time(row.received_at),
    };
  }
}

function toCorrection(row: Row): FactCorrection {
  return { dimension: String(row.dimension), ...(row.extracted ? { extracted: String(row.extracted) } : {}), corrected: String(row.corrected) };
}
