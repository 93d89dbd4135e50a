import type { Activity } from '../activity.js';

/** One activity as it was shown in a widget conversation, with its per-conversation sequence number. */
export interface StoredActivity {
  /** 1, 2, 3… per conversation: the watermark a reconnecting client sends back. */
  seq: number;
  activity: Partial<Activity>;
}

/**
 * Where widget transcripts live, so a reload, a second tab or a reconnect gets exactly what it missed.
 * Kept tiny on purpose: the database implementation only needs an ordered append log per conversation.
 */
export interface WidgetHistory {
  /** Stores the activity and returns its sequence number (strictly increasing per conversation). */
  append(conversationId: string, activity: Partial<Activity>): Promise<number>;
  /** Activities with `seq > watermark`, oldest first. Unknown conversation: empty list. */
  since(conversationId: string, watermark: number): Promise<StoredActivity[]>;
}
