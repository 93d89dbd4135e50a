import type pg from 'pg';
import { DEFAULT_OUTBOX_LEASE_MS, type ClaimOptions, type EnqueueResult, type OutboxEntry, type OutboxMessage, type OutboxRepository, type OutboxSubject } from '../ports/outbox.js';
import { outboxSubject, subjectWhere } from '../outbox-subject.js';
import { postgresCodec, toOutboxEntry } from '../row-mappers.js';

export class PgOutboxRepository implements OutboxRepository {
  constructor(private readonly pool: pg.Pool) {}

  async enqueue(message: OutboxMessage): Promise<EnqueueResult> {
    const subject = outboxSubject(message.payload);
    const inserted = await this.pool.query(
      `INSERT INTO outbox (type, idempotency_key, payload, subject_email, subject_conversation_id, status, attempts,
         next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, now(), now())
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [
        message.type,
        message.idempotencyKey,
        JSON.stringify(message.payload ?? null),
        subject.email ?? null,
        subject.conversationId ?? null,
        (message.availableAt ?? new Date()).toISOString(),
      ],
    );
    if (inserted.rows[0]) return { entry: toOutboxEntry(inserted.rows[0], postgresCodec), created: true };
    const { rows } = await this.pool.query('SELECT * FROM outbox WHERE idempotency_key = $1', [message.idempotencyKey]);
    return { entry: toOutboxEntry(rows[0], postgresCodec), created: false };
  }

  async claimDue(now: Date, limit: number, options: ClaimOptions = {}): Promise<OutboxEntry[]> {
    const staleBefore = new Date(now.getTime() - (options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS));
    // SKIP LOCKED: a concurrent worker passes over the rows this one is claiming instead of waiting for them.
    const { rows } = await this.pool.query(
      `WITH due AS (
         SELECT id FROM outbox
         WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'in_flight' AND claimed_at <= $2)
         ORDER BY next_attempt_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE outbox AS o SET status = 'in_flight', attempts = o.attempts + 1, claimed_at = $1, updated_at = $1
       FROM due WHERE o.id = due.id
       RETURNING o.*`,
      [now.toISOString(), staleBefore.toISOString(), limit],
    );
    return rows
      .map((row) => toOutboxEntry(row, postgresCodec))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
  }

  async markDelivered(id: number): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET status = 'delivered', delivered_at = now(), updated_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET status = 'pending', last_error = $2, next_attempt_at = $3, claimed_at = NULL, updated_at = now()
       WHERE id = $1`,
      [id, error, nextAttemptAt.toISOString()],
    );
  }

  async markDead(id: number, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbox SET status = 'dead', last_error = $2, claimed_at = NULL, updated_at = now() WHERE id = $1`,
      [id, error],
    );
  }

  async listDead(): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY updated_at, id`);
    return rows.map((row) => toOutboxEntry(row, postgresCodec));
  }

  async requeue(id: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), claimed_at = NULL, updated_at = now()
       WHERE id = $1 AND status <> 'delivered'`,
      [id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'in_flight')`,
    );
    return rows[0]?.n ?? 0;
  }

  async get(id: number): Promise<OutboxEntry | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM outbox WHERE id = $1', [id]);
    return rows[0] ? toOutboxEntry(rows[0], postgresCodec) : undefined;
  }

  async listAbout(subject: OutboxSubject): Promise<OutboxEntry[]> {
    const [where, params] = subjectWhere(subject, (index) => `$${index}`);
    const { rows } = await this.pool.query(`SELECT * FROM outbox WHERE ${where} ORDER BY id`, params);
    return rows.map((row) => toOutboxEntry(row, postgresCodec));
  }

  async deleteWhere(subject: OutboxSubject): Promise<number> {
    const [where, params] = subjectWhere(subject, (index) => `$${index}`);
    return (await this.pool.query(`DELETE FROM outbox WHERE ${where}`, params)).rowCount ?? 0;
  }
}
