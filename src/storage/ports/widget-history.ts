import type { Activity } from 'botbuilder';

/** One activity of a widget conversation's replay log, with its per-conversation sequence number. */
export interface WidgetActivityRecord {
  /** 1, 2, 3… per conversation. */
  seq: number;
  /** The activity as it was shown (JSON round trip: dates come back as ISO strings). */
  activity: Partial<Activity>;
}

/**
 * The website widget's replay log: what a reload, a second tab or a reconnect (on any instance,
 * after any restart) must see again. Rows go with the conversation's transcript (erasure, retention).
 */
export interface WidgetActivityRepository {
  /** Stores the activity and returns its sequence number: strictly increasing per conversation, even across instances. */
  append(conversationId: string, activity: Partial<Activity>): Promise<number>;
  /** Activities with `seq > afterSeq`, oldest first (empty for an unknown conversation). */
  since(conversationId: string, afterSeq: number): Promise<WidgetActivityRecord[]>;
}
