import type { Middleware, TurnContext } from '../../bot/turn.js';
import type { Activity } from '../activity.js';
import type { Server } from 'restify';
import { createTurnErrorHandler } from '../../bot/turn-error.js';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { ProcessedActivityRepository } from '../../storage/ports/processed-activities.js';
import { LruProcessedEvents } from './lru-processed-events.js';
import { SlackAdapter } from './slack-adapter.js';
import { clickToActivity, eventToActivity, type Inbound, type SlackChannelData } from './slack-inbound.js';
import type { SlackBlockActions, SlackEventCallback } from './slack-payloads.js';
import { mountSlackRoutes, type SlackDelivery } from './slack-routes.js';
import { SlackUserLocales } from './slack-user-locales.js';
import { createSlackWebClient } from './slack-web-client.js';

export { SlackAdapter } from './slack-adapter.js';
export { LruProcessedEvents } from './lru-processed-events.js';
export { parseSlackConversationId, slackConversationId, type SlackConversationKey } from './slack-conversation-id.js';
export type { SlackChannelData } from './slack-inbound.js';
export type { SlackBlockActions, SlackEventCallback } from './slack-payloads.js';

/** The bot the channel talks to: an ActivityHandler (or anything with its `run`). */
export interface SlackBot {
  run(context: TurnContext): Promise<void>;
}

export interface SlackChannelOptions {
  bot: SlackBot;
  logger: Logger;
  config: SlackConfig;
  /** Remembers handled Slack event ids; defaults to an in-memory LRU (one instance only). */
  dedupe?: ProcessedActivityRepository;
  /** Turn middleware shared with the other channels (metrics, dedupe, transcripts), in order. */
  middleware?: Middleware[];
  /** Clock for signature freshness (tests). */
  now?: () => number;
}

/**
 * Takes the Slack traffic meant for SDRs (their channel's events, the buttons of lead cards)
 * before the visitor bot sees it. Each returns true when the payload was the SDRs'.
 */
export interface SlackSdrRoutes {
  onEvent(envelope: SlackEventCallback): Promise<boolean>;
  onBlockActions(payload: SlackBlockActions): Promise<boolean>;
}

export interface SlackChannel {
  adapter: SlackAdapter;
  /** Routes the SDR channel and lead-card buttons to the handoff module (set once it exists). */
  routeSdr(routes: SlackSdrRoutes): void;
  /** Adds `POST /api/slack/events` and `POST /api/slack/interactions` to the server. */
  mount(server: Server): void;
  /** Resolves once every request acknowledged so far has been handled (its turn run, its messages sent). */
  idle(): Promise<void>;
  /** Waits for the work in progress (call after the server stopped accepting requests). */
  close(): Promise<void>;
}

/**
 * Self-hosted Slack: Events API and interactivity in, Web API out. Each request is answered
 * within Slack's 3 s (turns run afterwards), each event id is handled once even when Slack
 * retries it, and each question's buttons answer it once.
 */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { bot, config } = options;
  const logger = options.logger.child({ channel: 'slack' });
  const dedupe = options.dedupe ?? new LruProcessedEvents();
  const client = createSlackWebClient(config, logger);
  const userLocales = new SlackUserLocales(createSlackWebClient(config, logger, 'lookup'), logger);
  const adapter = new SlackAdapter({ client, logger, serviceUrl: config.apiUrl, minSendIntervalMs: config.minSendIntervalMs });
  adapter.onTurnError = createTurnErrorHandler(logger);
  for (const middleware of options.middleware ?? []) adapter.use(middleware);
  const background = new Set<Promise<void>>();
  let sdrRoutes: SlackSdrRoutes | undefined;

  const inBackground = (work: () => Promise<void>) => {
    const task = work().catch((error: unknown) => logger.error({ err: error }, 'slack request handling failed'));
    background.add(task);
    void task.finally(() => background.delete(task));
  };

  const handleEvent = async (envelope: SlackEventCallback, delivery: SlackDelivery) => {
    if (sdrRoutes && (await sdrRoutes.onEvent(envelope))) return;
    const botUserId = envelope.authorizations?.find((auth) => auth.is_bot)?.user_id ?? (await adapter.botUserId());
    const inbound = eventToActivity(envelope, botUserId, config.apiUrl);
    if (!accepted(inbound, envelope.event_id)) return;
    const conversationId = inbound.activity.conversation!.id;
    if (!(await dedupe.claim(conversationId, `slack-event:${envelope.event_id}`))) {
      logger.info({ conversationId, eventId: envelope.event_id, ...delivery }, 'slack event already handled');
      return;
    }
    await withLocale(inbound.activity, envelope.event.user);
    await adapter.processActivity(inbound.activity, (context) => bot.run(context));
  };

  const handleClick = async (payload: SlackBlockActions) => {
    if (sdrRoutes && (await sdrRoutes.onBlockActions(payload))) return;
    const inbound = clickToActivity(payload, await adapter.botUserId(), config.apiUrl);
    if (!accepted(inbound, payload.message?.ts)) return;
    const { activity } = inbound;
    const conversationId = activity.conversation!.id;
    const clicked = (activity.channelData as { slack: SlackChannelData }).slack.action!;
    // One answer per question: a second click (double click, second tab) is ignored.
    if (!(await dedupe.claim(conversationId, `slack-click:${clicked.messageTs}`))) {
      logger.info({ conversationId, messageTs: clicked.messageTs }, 'slack question already answered');
      return;
    }
    const channel = payload.channel?.id ?? payload.container?.channel_id ?? '';
    const label = payload.actions.find((action) => action.action_id === clicked.actionId)?.text?.text ?? clicked.value;
    await adapter
      .markAnswered(channel, clicked.messageTs!, payload.message?.blocks, payload.message?.text ?? '', label)
      .catch((error: unknown) => logger.warn({ err: error, conversationId }, 'could not mark the slack question answered'));
    await adapter.processActivity(activity, (context) => bot.run(context));
  };

  /** What Slack knows of the user's language first; the bot guesses from the text, then falls back to SLACK_DEFAULT_LOCALE. */
  const withLocale = async (activity: Partial<Activity>, userId: string | undefined) => {
    const locale = userId ? await userLocales.localeOf(userId) : undefined;
    if (locale) activity.locale = locale;
    if (config.defaultLocale) {
      const channelData = activity.channelData as { qualibot?: Record<string, unknown> };
      channelData.qualibot = { ...channelData.qualibot, defaultLocale: config.defaultLocale };
    }
  };

  const accepted = (inbound: Inbound, ref: string | undefined): inbound is { activity: Partial<Activity> } => {
    if ('activity' in inbound) return true;
    logger.debug({ ref, reason: inbound.ignored }, 'slack payload ignored');
    return false;
  };

  return {
    adapter,
    routeSdr(routes) {
      sdrRoutes = routes;
    },
    mount(server) {
      mountSlackRoutes(server, {
        signingSecret: config.signingSecret,
        logger,
        now: options.now,
        onEvent: (envelope, delivery) => inBackground(() => handleEvent(envelope, delivery)),
        onBlockActions: (payload) => inBackground(() => handleClick(payload)),
      });
    },
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
      await adapter.idle();
    },
    close() {
      return this.idle();
    },
  };
}
