import type { Migration } from './migration.js';

/**
 * One transcript line per channel activity: a message redelivered after a crash (or stored by two
 * code paths) is recorded once. Lines without an activity id (bot replies, SDR messages) are not affected.
 */
export const transcriptActivityUnique: Migration = {
  version: 3,
  name: 'transcript-activity-unique',
  sqlite: `
    CREATE UNIQUE INDEX transcripts_activity ON transcripts (conversation_id, sender, activity_id) WHERE activity_id IS NOT NULL;
  `,
  postgres: `
    CREATE UNIQUE INDEX transcripts_activity ON transcripts (conversation_id, sender, activity_id) WHERE activity_id IS NOT NULL;
  `,
};
