import type { ConversationState, Middleware, TurnContext } from './turn.js';
import { CardSubmitTextMiddleware } from '../channels/teams/card-submit-text.js';
import { MentionTextMiddleware } from '../channels/teams/mention-text-middleware.js';
import type { Config } from '../config.js';
import type { LeadEnrichment } from '../enrichment/lead-enrichment.js';
import type { Extractor } from '../extraction/extractor.js';
import { TeamsSdrGate } from '../channels/teams/sdr/teams-sdr-desk.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { TurnMetricsMiddleware } from '../observability/turn-metrics-middleware.js';
import type { Playbook } from '../playbook/schema.js';
import type { AbuseGuards } from '../server/abuse-guards.js';
import { Drain } from '../server/drain.js';
import { visitorLocale } from '../server/visitor-locale.js';
import { VisitorRateLimitMiddleware } from '../server/visitor-rate-limit-middleware.js';
import type { Database } from '../storage/ports/database.js';
import { botCredentials, createBotFrameworkAdapter, type BotFrameworkAdapter } from '../runtime/bot-runtime.js';
import { botbuilderAuthentication, type BotFrameworkAuthentication } from '../runtime/botbuilder-adapter.js';
import { buildBot } from './build-bot.js';
import { LeadRecorder } from './listeners/lead-recorder.js';
import { RouteMetricsListener } from './listeners/route-metrics.js';
import { CompletedTurnsInState } from './middleware/completed-turns-in-state.js';
import { TranscriptMiddleware } from './middleware/transcript-middleware.js';
import { TurnGuardMiddleware } from './middleware/turn-guard-middleware.js';
import type { QualibotBot } from './qualibot-bot.js';
import { createTurnErrorHandler } from './turn-error.js';

export interface BotPipelineOptions {
  config: Config;
  playbook: Playbook;
  extractor: Extractor;
  /** Company lookups from the visitor's e-mail domain or website (src/enrichment). */
  enrichment?: LeadEnrichment;
  /** The bot's state, turn lock, dedupe and transcript; the leads and outbox its decisions are recorded in. */
  db: Pick<Database, 'state' | 'lock' | 'transcripts' | 'leads' | 'outbox'>;
  metrics: Metrics;
  guards: AbuseGuards;
  logger: Logger;
  /**
   * Bot Framework authentication (tests validate tokens against a fake of the Bot Service's keys). botbuilder's:
   * the /api/messages adapter uses it on BOT_RUNTIME=botbuilder, the Teams SDR channel's adapter on both runtimes.
   */
  authentication?: BotFrameworkAuthentication;
}

export type { BotFrameworkAuthentication } from '../runtime/botbuilder-adapter.js';

/** The bot and everything a turn passes through, for every channel to run turns with. */
export interface BotPipeline {
  bot: QualibotBot;
  conversationState: ConversationState;
  /** Runs one turn of the bot, counted by `drain` so a shutdown knows when the last one is done. */
  runTurn(context: TurnContext): Promise<void>;
  drain: Drain;
  /** What every channel adapter runs before the bot: metrics, serialisation and dedupe, text limit, transcript. */
  turnMiddleware: Middleware[];
  /** RATE_LIMIT_MESSAGES_PER_MINUTE per conversation and per visitor, for adapters that run middleware (Slack). */
  visitorRateLimit: Middleware;
  /** The Bot Framework adapter of /api/messages (Teams, Azure channels) on the runtime BOT_RUNTIME picks, its middleware in place. */
  adapter: BotFrameworkAdapter;
  /** The bot's credentials, for other Bot Framework adapters (the Teams SDR channel's). */
  auth: BotFrameworkAuthentication;
  /** The first middleware of `adapter`: activities of a Teams SDR channel go to the handoff side instead of the bot. */
  teamsSdrGate: TeamsSdrGate;
}

export function createBotPipeline(options: BotPipelineOptions): BotPipeline {
  const { config, playbook, extractor, db, metrics, guards, logger } = options;
  const { bot, conversationState, visitorText } = buildBot({ playbook, extractor, logger, storage: db.state, ...(options.enrichment ? { enrichment: options.enrichment } : {}) });
  bot.ports.addDecisionListener(new LeadRecorder(db.leads, db.outbox, playbook, logger));
  bot.ports.addDecisionListener(new RouteMetricsListener(metrics));

  // Turns are serialised per conversation and deduplicated by TurnGuardMiddleware, which every channel adapter runs;
  // each is counted so a shutdown knows when the last one is done.
  const drain = new Drain();
  const runTurn = (context: TurnContext) => drain.track(() => bot.runTurn(context));

  if (!config.botFramework.authenticated) {
    logger.warn('MicrosoftAppId is empty: /api/messages accepts UNAUTHENTICATED requests (local/dev mode). Set MicrosoftAppId and MicrosoftAppPassword in production.');
  }
  const credentials = botCredentials(config.botFramework);
  const auth = options.authentication ?? botbuilderAuthentication(credentials);
  // The one place BOT_RUNTIME picks the SDK behind /api/messages (README, "Runtime and support status").
  const adapter = createBotFrameworkAdapter(config.botFramework.runtime, credentials, auth);
  logger.info(`Bot Framework runtime: ${config.botFramework.runtime}`);
  adapter.onTurnError = createTurnErrorHandler(logger);
  // SDR takeover from Teams: activities of the SDR channel go to the handoff module before any visitor middleware.
  const teamsSdrGate = new TeamsSdrGate();
  adapter.use(teamsSdrGate);
  const localeOf = visitorLocale(bot.ports.leads);
  // Visitor text is checked and cleaned (too-long messages refused) before the transcript stores it.
  const turnMiddleware = [
    new TurnMetricsMiddleware(metrics),
    new TurnGuardMiddleware(db.lock, new CompletedTurnsInState(conversationState), logger),
    visitorText,
    new TranscriptMiddleware(db.transcripts, logger),
  ];
  // Per-visitor message limits on /api/messages, before anything touches the database.
  // Self-hosted Slack runs it too; the widget checks the same limiters at its socket (create-channels.ts).
  const visitorRateLimit = new VisitorRateLimitMiddleware({ perConversation: guards.conversationMessages, perVisitor: guards.visitorMessages }, localeOf, logger, (limit) => guards.refused(limit));
  adapter.use(visitorRateLimit);
  // A Teams card submit becomes the message's text before the one reading path checks, cleans and records it.
  adapter.use(new CardSubmitTextMiddleware());
  // The bot's mentions leave the text before the transcript stores it.
  adapter.use(new MentionTextMiddleware());
  for (const middleware of turnMiddleware) adapter.use(middleware);
  return { bot, conversationState, runTurn, drain, turnMiddleware, visitorRateLimit, adapter, auth, teamsSdrGate };
}
