import { initialSchema } from './001-initial.js';
import { widgetHistory } from './002-widget-history.js';
import { transcriptActivityUnique } from './003-transcript-activity-unique.js';
import { feedbackLoop } from './004-feedback-loop.js';
import { enrichments } from './005-enrichments.js';
import { insightDays } from './006-insight-days.js';
import { leadNotesRatings } from './007-lead-notes-ratings.js';
import { rateLimits } from './008-rate-limits.js';
import { conversationLeases } from './009-conversation-leases.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, oldest first. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, widgetHistory, transcriptActivityUnique, feedbackLoop, enrichments, insightDays, leadNotesRatings, rateLimits, conversationLeases];

/** Throws when versions are not strictly increasing (a merge mistake caught at start-up). */
export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.reduce((previous, migration) => {
    if (migration.version <= previous) {
      throw new Error(`Migration ${migration.version} (${migration.name}) is not after version ${previous}`);
    }
    return migration.version;
  }, 0);
}
