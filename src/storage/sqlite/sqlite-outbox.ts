import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_OUTBOX_LEASE_MS, type ClaimOptions, type EnqueueResult, type OutboxEntry, type OutboxMessage, type OutboxRepository, type OutboxSubject } from '../ports/outbox.js';
import { outboxSubject, subjectWhere } from '../outbox-subject.js';
import { sqliteCodec, toOutboxEntry, type Row } from '../row-mappers.js';
import { preparedStatements } from './prepared-statements.js';

export class SqliteOutboxRepository implements OutboxRepository {
  private readonly claim: (now: string, staleBefore: string, limit: number) => Row[];
  private readonly prepare: (sql: string) => BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.prepare = preparedStatements(db);
    const claimStatement = db.prepare(
      `UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, claimed_at = @now, updated_at = @now
       WHERE id IN (
         SELECT id FROM outbox
         WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'in_flight' AND claimed_at <= @staleBefore)
         ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING *`,
    );
    // A single UPDATE under SQLite's write lock: two workers (even two processes) never get the same row.
    this.claim = db.transaction((now: string, staleBefore: string, limit: number) => claimStatement.all({ now, staleBefore, limit }) as Row[]).immediate;
  }

  async enqueue(message: OutboxMessage): Promise<EnqueueResult> {
    const now = new Date().toISOString();
    const subject = outboxSubject(message.payload);
    const inserted = this
      .prepare(
        `INSERT INTO outbox (type, idempotency_key, payload, subject_email, subject_conversation_id, status, attempts,
           next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      )
      .get(
        message.type,
        message.idempotencyKey,
        JSON.stringify(message.payload ?? null),
        subject.email ?? null,
        subject.conversationId ?? null,
        (message.availableAt ?? new Date()).toISOString(),
        now,
        now,
      ) as Row | undefined;
    if (inserted) return { entry: toOutboxEntry(inserted, sqliteCodec), created: true };
    const existing = this.prepare('SELECT * FROM outbox WHERE idempotency_key = ?').get(message.idempotencyKey) as Row;
    return { entry: toOutboxEntry(existing, sqliteCodec), created: false };
  }

  async claimDue(now: Date, limit: number, options: ClaimOptions = {}): Promise<OutboxEntry[]> {
    const staleBefore = new Date(now.getTime() - (options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS)).toISOString();
    return this.claim(now.toISOString(), staleBefore, limit)
      .map((row) => toOutboxEntry(row, sqliteCodec))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
  }

  async markDelivered(id: number): Promise<void> {
    const now = new Date().toISOString();
    this
      .prepare(`UPDATE outbox SET status = 'delivered', delivered_at = ?, updated_at = ?, last_error = NULL WHERE id = ?`)
      .run(now, now, id);
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    this
      .prepare(`UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, claimed_at = NULL, updated_at = ? WHERE id = ?`)
      .run(error, nextAttemptAt.toISOString(), new Date().toISOString(), id);
  }

  async markDead(id: number, error: string): Promise<void> {
    this
      .prepare(`UPDATE outbox SET status = 'dead', last_error = ?, claimed_at = NULL, updated_at = ? WHERE id = ?`)
      .run(error, new Date().toISOString(), id);
  }

  async listDead(): Promise<OutboxEntry[]> {
    const rows = this.prepare(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY updated_at, id`).all() as Row[];
    return rows.map((row) => toOutboxEntry(row, sqliteCodec));
  }

  async requeue(id: number): Promise<boolean> {
    const now = new Date().toISOString();
    return (
      this
        .prepare(
          `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_at = NULL, updated_at = ?
           WHERE id = ? AND status <> 'delivered'`,
        )
        .run(now, now, id).changes > 0
    );
  }

  async backlog(): Promise<number> {
    const row = this.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'in_flight')`).get() as { n: number };
    return row.n;
  }

  async get(id: number): Promise<OutboxEntry | undefined> {
    const row = this.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return row ? toOutboxEntry(row, sqliteCodec) : undefined;
  }

  async listAbout(subject: OutboxSubject): Promise<OutboxEntry[]> {
    const [where, params] = subjectWhere(subject, () => '?');
    const rows = this.prepare(`SELECT * FROM outbox WHERE ${where} ORDER BY id`).all(...params) as Row[];
    return rows.map((row) => toOutboxEntry(row, sqliteCodec));
  }

  async deleteWhere(subject: OutboxSubject): Promise<number> {
    const [where, params] = subjectWhere(subject, () => '?');
    return this.prepare(`DELETE FROM outbox WHERE ${where}`).run(...params).changes;
  }
}
