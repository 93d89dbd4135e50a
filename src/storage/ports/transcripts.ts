export type TranscriptSender = 'visitor' | 'bot' | 'sdr';

/** One line of a conversation as it was shown. */
export interface TranscriptEntry {
  conversationId: string;
  from: TranscriptSender;
  text: string;
  /** ISO timestamp of the message. */
  at: string;
  /** Channel activity id, when the message came from (or went to) the channel. */
  activityId?: string;
  /** Display name of the author (the SDR's name for `sdr` lines). */
  author?: string;
}

/** Conversation transcripts, kept for the SDR packet and for export/erasure. */
export interface TranscriptRepository {
  /** Idempotent per (conversation, sender, activityId): a redelivered activity is recorded once. */
  append(entry: TranscriptEntry): Promise<void>;
  /** Several lines in one write (all or none), in this order; each idempotent as with `append`. */
  appendMany(entries: readonly TranscriptEntry[]): Promise<void>;
  /** Oldest first (by `at`, then insertion order). */
  list(conversationId: string): Promise<TranscriptEntry[]>;
  /** Returns how many lines were removed. */
  deleteConversation(conversationId: string): Promise<number>;
}
