import type { Activity } from '../activity.js';
import type { WidgetActivityRepository } from '../../storage/ports/widget-history.js';
import type { StoredActivity, WidgetHistory } from './widget-history.js';

/**
 * The widget history in the database: a reload after a restart, or on another instance behind the
 * same load balancer, replays the conversation. Sequence numbers come from the database, so they keep
 * increasing whichever instance appends.
 */
export class DbWidgetHistory implements WidgetHistory {
  constructor(private readonly activities: WidgetActivityRepository) {}

  append(conversationId: string, activity: Partial<Activity>): Promise<number> {
    return this.activities.append(conversationId, activity);
  }

  since(conversationId: string, watermark: number): Promise<StoredActivity[]> {
    return this.activities.since(conversationId, watermark);
  }
}
