import type { Migration } from './migration.js';

/**
 * The widget's replay log, so a reload after a restart (or on another instance) finds the conversation.
 * `seq` is per conversation (the watermark the browser sends back), hence the composite key: two
 * instances appending at once cannot both get the same number. The activity is TEXT in both engines,
 * like bot_state: jsonb would refuse a NUL character in a visitor's words.
 */
export const widgetHistory: Migration = {
  version: 2,
  name: 'widget-history',
  sqlite: `
    CREATE TABLE widget_activities (
      conversation_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      activity TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    );
    CREATE INDEX widget_activities_created ON widget_activities (created_at);
  `,
  postgres: `
    CREATE TABLE widget_activities (
      conversation_id text NOT NULL,
      seq integer NOT NULL,
      activity text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    );
    CREATE INDEX widget_activities_created ON widget_activities (created_at);
  `,
};
