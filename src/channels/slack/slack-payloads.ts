import { z } from 'zod';

/**
 * The parts of Slack's Events API and interactivity payloads the channel reads. Loose objects:
 * Slack adds fields freely, and the raw event is kept in channelData for whoever needs more.
 */

export const slackMessageEventSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  team: z.string().optional(),
});
export type SlackMessageEvent = z.infer<typeof slackMessageEventSchema>;

const authorizationSchema = z.looseObject({ user_id: z.string().optional(), is_bot: z.boolean().optional() });

export const slackEventEnvelopeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({
    type: z.literal('event_callback'),
    team_id: z.string(),
    event_id: z.string(),
    event: slackMessageEventSchema,
    authorizations: z.array(authorizationSchema).optional(),
  }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);
export type SlackEventEnvelope = z.infer<typeof slackEventEnvelopeSchema>;
export type SlackEventCallback = Extract<SlackEventEnvelope, { type: 'event_callback' }>;

const buttonActionSchema = z.looseObject({
  action_id: z.string(),
  block_id: z.string().optional(),
  type: z.string(),
  value: z.string().optional(),
  /** What a menu (static_select) was set to. */
  selected_option: z.looseObject({ value: z.string() }).optional(),
  action_ts: z.string().optional(),
  text: z.looseObject({ text: z.string() }).optional(),
});

export const slackBlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  // Null for org-wide installs on Enterprise Grid; the user's team is then the one to use.
  team: z.looseObject({ id: z.string() }).nullable().optional(),
  user: z.looseObject({ id: z.string(), name: z.string().optional(), username: z.string().optional(), team_id: z.string().optional() }),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z
    .looseObject({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
  actions: z.array(buttonActionSchema),
});
export type SlackBlockActions = z.infer<typeof slackBlockActionsSchema>;
