export type OutboxStatus = 'pending' | 'in_flight' | 'delivered' | 'dead';

/** One message waiting to leave (or that left) for an external system. */
export interface OutboxEntry {
  id: number;
  type: string;
  idempotencyKey: string;
  payload: unknown;
  status: OutboxStatus;
  /** Delivery attempts started so far (incremented when claimed). */
  attempts: number;
  nextAttemptAt: string;
  claimedAt?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

export interface OutboxMessage {
  type: string;
  /** A second enqueue with the same key is ignored. */
  idempotencyKey: string;
  payload: unknown;
  /** Not before this instant (default: now). */
  availableAt?: Date;
}

export interface EnqueueResult {
  entry: OutboxEntry;
  /** False when the idempotency key was already queued (the existing entry is returned). */
  created: boolean;
}

/** Default lease of an in-flight outbox row: longer than any webhook timeout, short enough to recover from a crash. */
export const DEFAULT_OUTBOX_LEASE_MS = 5 * 60_000;

export interface ClaimOptions {
  /** An in-flight row whose claim is older than this (default 5 min) is considered abandoned (crashed worker) and claimable again. */
  leaseMs?: number;
}

/** Who an outbox entry is about: entries are matched on the `email` / `conversationId` found in their payload. */
export interface OutboxSubject {
  email?: string;
  conversationId?: string;
}

/** Transactional outbox: at-least-once delivery with an idempotency key for the receiver. */
export interface OutboxRepository {
  enqueue(message: OutboxMessage): Promise<EnqueueResult>;
  /** Due pending rows (oldest due first), marked in-flight so two workers never get the same row. */
  claimDue(now: Date, limit: number, options?: ClaimOptions): Promise<OutboxEntry[]>;
  markDelivered(id: number): Promise<void>;
  /** Back to pending, to be retried at `nextAttemptAt`. */
  markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Dead letter: not retried until `requeue`. */
  markDead(id: number, error: string): Promise<void>;
  listDead(): Promise<OutboxEntry[]>;
  /** Gives a dead (or any undelivered) row a fresh start: pending, 0 attempts, due now. False when nothing changed. */
  requeue(id: number): Promise<boolean>;
  /** Count of rows not yet delivered nor dead (pending + in flight). */
  backlog(): Promise<number>;
  get(id: number): Promise<OutboxEntry | undefined>;
  /** Entries whose payload names this email (case-insensitive) or conversation. */
  listAbout(subject: OutboxSubject): Promise<OutboxEntry[]>;
  /** Removes the entries whose payload names this email or conversation; returns the count. */
  deleteWhere(subject: OutboxSubject): Promise<number>;
}
