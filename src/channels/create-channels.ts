import type { Server } from 'restify';
import type { BotPipeline } from '../bot/bot-pipeline.js';
import { createTurnErrorHandler } from '../bot/turn-error.js';
import type { Config } from '../config.js';
import { AdapterVisitorChannel } from '../handoff/adapter-visitor-channel.js';
import { BotFrameworkVisitorChannel } from '../handoff/bot-framework-visitor-channel.js';
import { ConditionalVisitorChannel, VisitorChannelRouter, type VisitorChannel } from '../handoff/visitor-channel.js';
import type { Logger } from '../logger.js';
import { render } from '../playbook/queries.js';
import type { Playbook } from '../playbook/schema.js';
import { ServiceUrlPolicy } from '../server/activity-guard.js';
import { mountBotFrameworkRoute } from '../server/bot-framework-route.js';
import type { Database } from '../storage/ports/database.js';
import { createSlackChannel, type SlackChannel } from './slack/index.js';
import { DbWidgetHistory } from './widget/db-widget-history.js';
import type { OpeningPreview } from './widget/widget-assets.js';
import { createWidgetChannel, WIDGET_CHANNEL_ID, type MessageGate, type WidgetChannel } from './widget/index.js';
import type { AbuseGuards } from '../server/abuse-guards.js';

/** The channels visitors talk through, mounted on the server, and how to reach a visitor on any of them. */
export interface Channels {
  widget: WidgetChannel;
  /** Self-hosted Slack, when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set. */
  slack?: SlackChannel;
  /** Sends to a visitor outside a turn, on whatever channel they are (SDR messages, notices). */
  visitors: VisitorChannel;
}

/** Mounts /api/messages (Bot Framework: Teams, Azure channels), the Slack routes when configured, and the widget. */
export function createChannels(options: {
  config: Pick<Config, 'botFramework' | 'slack' | 'widget' | 'mail'>;
  pipeline: BotPipeline;
  db: Pick<Database, 'processed' | 'widgetActivities'>;
  playbook: Playbook;
  logger: Logger;
  server: Server;
  guards: AbuseGuards;
}): Channels {
  const { config, pipeline, db, playbook, logger, server, guards } = options;
  const bot = { run: pipeline.runTurn };
  const serviceUrls = new ServiceUrlPolicy(config.botFramework.serviceUrlAllowlist, { authenticated: config.botFramework.authenticated });
  logger.info(`Bot Framework replies may go to ${serviceUrls.description}`);
  mountBotFrameworkRoute(server, pipeline.adapter, bot, serviceUrls);
  const slack = config.slack ? createSlackChannel({ bot, logger, config: config.slack, dedupe: db.processed, middleware: [pipeline.visitorRateLimit, ...pipeline.turnMiddleware] }) : undefined;
  slack?.mount(server);
  // Website widget: demo pages (/, /en), /widget.js, /api/widget/session and its socket.
  const widget = createWidgetChannel({
    bot,
    logger,
    ...config.widget,
    privacyUrl: playbook.links.privacy,
    site: { name: playbook.name, ...(playbook.site ? { pages: playbook.site } : {}) },
    history: new DbWidgetHistory(db.widgetActivities),
    // RATE_LIMIT_MESSAGES_PER_MINUTE holds on the widget too, checked at the socket so a refused message is never stored.
    messageGate: widgetMessageGate(guards),
    onRefused: (refusal) => (refusal === 'message_too_long' ? undefined : guards.refused(refusal)),
    transcriptByEmail: config.mail !== undefined,
    preview: openingPreview(playbook),
  });
  widget.adapter.onTurnError = createTurnErrorHandler(logger);
  for (const middleware of pipeline.turnMiddleware) widget.adapter.use(middleware);
  widget.mount(server);

  const botFrameworkChannel = new BotFrameworkVisitorChannel(pipeline.adapter, config.botFramework.appId ?? '');
  const routes: Record<string, VisitorChannel> = {
    [WIDGET_CHANNEL_ID]: new AdapterVisitorChannel(widget.adapter, (reference) => widget.adapter.isConnectedHere(reference)),
  };
  // channelId "slack" is also Azure Bot Service's Slack channel: only our own Slack references go to our adapter.
  if (slack) {
    const slackAdapter = slack.adapter;
    routes.slack = new ConditionalVisitorChannel((reference) => slackAdapter.handles(reference), new AdapterVisitorChannel(slackAdapter, 'anywhere'), botFrameworkChannel);
  }
  return { widget, slack, visitors: new VisitorChannelRouter(routes, botFrameworkChannel) };
}

/** The per-conversation and per-visitor message limits, asked by the widget's socket before a message is stored. */
function widgetMessageGate(guards: AbuseGuards): MessageGate {
  return async (conversation) => {
    const perConversation = await guards.conversationMessages.take(`${WIDGET_CHANNEL_ID}|${conversation.id}`);
    if (!perConversation.allowed) return { allowed: false, limit: 'conversation', retryAfterMs: perConversation.retryAfterMs };
    const perVisitor = await guards.visitorMessages.take(`${WIDGET_CHANNEL_ID}|${conversation.visitorId}`);
    if (!perVisitor.allowed) return { allowed: false, limit: 'visitor', retryAfterMs: perVisitor.retryAfterMs };
    return { allowed: true };
  };
}

/** The greeting and the first question as the bot will say them, for the loader to paint while Web Chat loads. */
function openingPreview(playbook: Playbook): OpeningPreview | undefined {
  const first = playbook.dimensions[0];
  if (!first) return undefined;
  const plain = (text: string) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '');
  const say = (locale: 'fr' | 'en') => ({ greeting: plain(render(playbook, playbook.messages.greeting, locale)), question: plain(render(playbook, first.question, locale)) });
  return { fr: say('fr'), en: say('en') };
}
