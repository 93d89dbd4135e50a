import type pg from 'pg';
import type { SdrInput, SdrRecord, SdrRepository } from '../ports/sdrs.js';
import { normaliseEmail } from '../outbox-subject.js';
import { postgresCodec, rolesColumn, toSdr } from '../row-mappers.js';
import { StorageConflictError } from '../storage-errors.js';

export class PgSdrRepository implements SdrRepository {
  constructor(private readonly pool: pg.Pool) {}

  async add(input: SdrInput): Promise<SdrRecord> {
    const email = normaliseEmail(input.email);
    const { rows } = await this.pool.query(
      `INSERT INTO sdrs (id, email, name, password_hash, roles, created_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT DO NOTHING RETURNING *`,
      [input.id, email, input.name, input.passwordHash, rolesColumn(input.roles)],
    );
    if (!rows[0]) throw new StorageConflictError(`An SDR with id ${input.id} or email ${email} already exists`);
    return toSdr(rows[0], postgresCodec);
  }

  async list(): Promise<SdrRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM sdrs ORDER BY created_at, email');
    return rows.map((row) => toSdr(row, postgresCodec));
  }

  async remove(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM sdrs WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async findByEmail(email: string): Promise<SdrRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM sdrs WHERE email = $1', [normaliseEmail(email)]);
    return rows[0] ? toSdr(rows[0], postgresCodec) : undefined;
  }

  async get(id: string): Promise<SdrRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM sdrs WHERE id = $1', [id]);
    return rows[0] ? toSdr(rows[0], postgresCodec) : undefined;
  }
}
