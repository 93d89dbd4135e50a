import type { OutboxSubject } from './ports/outbox.js';

const MAX_DEPTH = 6;

/**
 * Finds who an outbox payload is about: the first string `email` and `conversationId` anywhere in it.
 * Stored in indexed columns at enqueue time so erasure can find the entries without parsing every payload.
 */
export function outboxSubject(payload: unknown): OutboxSubject {
  const subject: OutboxSubject = {};
  visit(payload, subject, 0);
  if (subject.email) subject.email = normaliseEmail(subject.email);
  return subject;
}

function visit(value: unknown, subject: OutboxSubject, depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) visit(item, subject, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (subject.email === undefined && typeof record.email === 'string' && record.email.trim()) subject.email = record.email;
  if (subject.conversationId === undefined && typeof record.conversationId === 'string' && record.conversationId) {
    subject.conversationId = record.conversationId;
  }
  for (const child of Object.values(record)) visit(child, subject, depth + 1);
}

/** Emails are compared lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Builds the `WHERE` of a subject match (email or conversation), with its parameters. */
export function subjectWhere(subject: OutboxSubject, mark: (index: number) => string): [string, unknown[]] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (subject.email) {
    params.push(normaliseEmail(subject.email));
    clauses.push(`subject_email = ${mark(params.length)}`);
  }
  if (subject.conversationId) {
    params.push(subject.conversationId);
    clauses.push(`subject_conversation_id = ${mark(params.length)}`);
  }
  return [clauses.length ? clauses.join(' OR ') : 'FALSE', params];
}
