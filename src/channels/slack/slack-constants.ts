/** The channel id Bot Framework uses for Slack; Azure's Slack channel uses it too. */
export const SLACK_CHANNEL_ID = 'slack';

/** Routes Slack calls (Event Subscriptions and Interactivity request URLs). */
export const SLACK_EVENTS_PATH = '/api/slack/events';
export const SLACK_INTERACTIONS_PATH = '/api/slack/interactions';

/** Our quick-reply buttons: `qualibot.reply.<n>` in the `qualibot.replies` block. */
export const REPLY_BLOCK_ID = 'qualibot.replies';
export const REPLY_ACTION_PREFIX = 'qualibot.reply.';
