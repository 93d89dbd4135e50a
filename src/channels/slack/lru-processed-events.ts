import type { ProcessedActivityRepository } from '../../storage/ports/processed-activities.js';

/**
 * In-memory "seen" set with a size bound, for Slack event ids (Slack retries an event it thinks
 * we missed). Same contract as the database's ProcessedActivityRepository, so several instances
 * can share the database one instead; this one only protects a single process.
 */
export class LruProcessedEvents implements ProcessedActivityRepository {
  private readonly seen = new Map<string, true>();

  constructor(private readonly capacity = 10_000) {}

  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const key = `${conversationId}\u0000${activityId}`;
    if (this.seen.has(key)) {
      // A retry makes the key recent again: it is the one likely to come back once more.
      this.seen.delete(key);
      this.seen.set(key, true);
      return false;
    }
    this.seen.set(key, true);
    // Maps iterate in insertion order: the first key is the least recently seen.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }
}
