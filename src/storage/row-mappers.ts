import type { HandoffRecord } from './ports/handoffs.js';
import type { LeadRecord } from './ports/leads.js';
import type { OutboxEntry } from './ports/outbox.js';
import { SDR_ROLES, type SdrRecord, type SdrRole } from './ports/sdrs.js';
import type { TranscriptEntry, TranscriptSender } from './ports/transcripts.js';
import type { HandoffReason, Locale, Tier } from '../qualification/types.js';

/** A row as a driver returns it, keyed by snake_case column name. */
export type Row = Record<string, unknown>;

/** How an engine encodes the two column kinds that differ: JSON and timestamps. */
export interface ColumnCodec {
  json(value: unknown): unknown;
  time(value: unknown): string;
}

/** SQLite: JSON is TEXT, timestamps are ISO TEXT. */
export const sqliteCodec: ColumnCodec = {
  json: (value) => (value === null || value === undefined ? null : JSON.parse(String(value))),
  time: (value) => String(value),
};

/** PostgreSQL: pg already parses jsonb and returns timestamptz as Date. */
export const postgresCodec: ColumnCodec = {
  json: (value) => (value === undefined ? null : value),
  time: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
};

const optionalText = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));
const optionalTime = (value: unknown, codec: ColumnCodec): string | undefined =>
  value === null || value === undefined ? undefined : codec.time(value);

/** Drops undefined properties so records compare equal across engines (no `sdrId: undefined`). */
function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}

export function toTranscriptEntry(row: Row, codec: ColumnCodec): TranscriptEntry {
  return compact({
    conversationId: String(row.conversation_id),
    from: String(row.sender) as TranscriptSender,
    text: String(row.text),
    at: codec.time(row.at),
    activityId: optionalText(row.activity_id),
    author: optionalText(row.author),
  });
}

export function toLead(row: Row, codec: ColumnCodec): LeadRecord {
  return {
    id: String(row.id),
    conversationId: String(row.conversation_id),
    channel: String(row.channel),
    locale: String(row.locale) as Locale,
    status: String(row.status) as LeadRecord['status'],
    facts: codec.json(row.facts) as LeadRecord['facts'],
    knockouts: codec.json(row.knockouts) as LeadRecord['knockouts'],
    decision: (codec.json(row.decision) ?? null) as LeadRecord['decision'],
    context: codec.json(row.context) as LeadRecord['context'],
    contact: codec.json(row.contact) as LeadRecord['contact'],
    usage: codec.json(row.usage) as LeadRecord['usage'],
    playbookId: String(row.playbook_id),
    playbookVersion: String(row.playbook_version),
    ...(row.started_at ? { startedAt: codec.time(row.started_at) } : {}),
    ...(row.decided_at ? { decidedAt: codec.time(row.decided_at) } : {}),
    ...(row.visitor_messages !== null && row.visitor_messages !== undefined ? { visitorMessages: Number(row.visitor_messages) } : {}),
    version: Number(row.version),
    createdAt: codec.time(row.created_at),
    updatedAt: codec.time(row.updated_at),
  };
}

export function toHandoff(row: Row, codec: ColumnCodec): HandoffRecord {
  return compact({
    id: String(row.id),
    conversationId: String(row.conversation_id),
    leadId: String(row.lead_id),
    status: String(row.status) as HandoffRecord['status'],
    reason: String(row.reason) as HandoffReason,
    score: Number(row.score),
    tier: String(row.tier) as Tier,
    packet: codec.json(row.packet),
    sdrId: optionalText(row.sdr_id),
    sdrName: optionalText(row.sdr_name),
    outcome: optionalText(row.outcome),
    outcomeReason: optionalText(row.outcome_reason),
    endReason: optionalText(row.end_reason),
    createdAt: codec.time(row.created_at),
    claimedAt: optionalTime(row.claimed_at, codec),
    closedAt: optionalTime(row.closed_at, codec),
    updatedAt: codec.time(row.updated_at),
  });
}

export function toSdr(row: Row, codec: ColumnCodec): SdrRecord {
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    passwordHash: String(row.password_hash),
    roles: rolesOf(row.roles),
    createdAt: codec.time(row.created_at),
  };
}

/** Roles are stored as a comma-separated list ('' = a plain SDR). */
export function rolesColumn(roles: readonly SdrRole[] | undefined): string {
  return [...new Set(roles ?? [])].sort().join(',');
}

function rolesOf(value: unknown): SdrRole[] {
  return String(value ?? '')
    .split(',')
    .filter((role): role is SdrRole => (SDR_ROLES as readonly string[]).includes(role));
}

export function toOutboxEntry(row: Row, codec: ColumnCodec): OutboxEntry {
  return compact({
    id: Number(row.id),
    type: String(row.type),
    idempotencyKey: String(row.idempotency_key),
    payload: codec.json(row.payload),
    status: String(row.status) as OutboxEntry['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: codec.time(row.next_attempt_at),
    claimedAt: optionalTime(row.claimed_at, codec),
    lastError: optionalText(row.last_error),
    createdAt: codec.time(row.created_at),
    updatedAt: codec.time(row.updated_at),
    deliveredAt: optionalTime(row.delivered_at, codec),
  });
}

/**
 * `[column, value]` pairs of a handoff patch (only the fields present; `null` clears a column).
 * Values are ready to bind: JSON text for the packet, strings otherwise.
 */
export function handoffPatchColumns(patch: Record<string, unknown>): [column: string, value: string | null][] {
  const columns: [string, string | null][] = [];
  const map: Record<string, [string, 'text' | 'json']> = {
    sdrId: ['sdr_id', 'text'],
    sdrName: ['sdr_name', 'text'],
    outcome: ['outcome', 'text'],
    outcomeReason: ['outcome_reason', 'text'],
    endReason: ['end_reason', 'text'],
    claimedAt: ['claimed_at', 'text'],
    closedAt: ['closed_at', 'text'],
    packet: ['packet', 'json'],
  };
  for (const [field, value] of Object.entries(patch)) {
    const target = map[field];
    if (!target || value === undefined) continue;
    const [column, kind] = target;
    columns.push([column, value === null ? null : kind === 'json' ? JSON.stringify(value) : String(value)]);
  }
  return columns;
}
