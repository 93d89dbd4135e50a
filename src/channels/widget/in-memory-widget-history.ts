import type { Activity } from '../activity.js';
import type { StoredActivity, WidgetHistory } from './widget-history.js';

/** Limits that keep a long-running process from growing without bound. */
export interface InMemoryWidgetHistoryOptions {
  /** Least recently written conversations are forgotten beyond this. */
  maxConversations?: number;
  /** Oldest activities of a conversation are dropped beyond this (sequence numbers keep counting). */
  maxActivitiesPerConversation?: number;
}

interface Transcript {
  lastSeq: number;
  entries: StoredActivity[];
}

/** The default history: good for one instance; lost on restart. */
export class InMemoryWidgetHistory implements WidgetHistory {
  private readonly transcripts = new Map<string, Transcript>();
  private readonly maxConversations: number;
  private readonly maxActivities: number;

  constructor(options: InMemoryWidgetHistoryOptions = {}) {
    this.maxConversations = options.maxConversations ?? 10_000;
    this.maxActivities = options.maxActivitiesPerConversation ?? 1_000;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<number> {
    const transcript = this.transcripts.get(conversationId) ?? { lastSeq: 0, entries: [] };
    // Re-inserting moves the conversation to the end of the Map: the first key is the least recently written.
    this.transcripts.delete(conversationId);
    this.transcripts.set(conversationId, transcript);
    this.evictOldConversations();

    transcript.lastSeq += 1;
    // A copy, so a bot that mutates its activity after sending cannot rewrite history.
    transcript.entries.push({ seq: transcript.lastSeq, activity: structuredClone(activity) });
    if (transcript.entries.length > this.maxActivities) transcript.entries.shift();
    return transcript.lastSeq;
  }

  async since(conversationId: string, watermark: number): Promise<StoredActivity[]> {
    const transcript = this.transcripts.get(conversationId);
    if (!transcript) return [];
    return transcript.entries.filter((entry) => entry.seq > watermark).map((entry) => structuredClone(entry));
  }

  private evictOldConversations(): void {
    while (this.transcripts.size > this.maxConversations) {
      const oldest = this.transcripts.keys().next().value;
      if (oldest === undefined) return;
      this.transcripts.delete(oldest);
    }
  }
}
