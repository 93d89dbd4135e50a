import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { buildBot } from './bot/build-bot.js';
import { LeadRecorder } from './bot/listeners/lead-recorder.js';
import { RouteMetricsListener } from './bot/listeners/route-metrics.js';
import { CompletedTurnsInState } from './bot/middleware/completed-turns-in-state.js';
import { TurnGuardMiddleware } from './bot/middleware/turn-guard-middleware.js';
import { TranscriptMiddleware } from './bot/middleware/transcript-middleware.js';
import type { QualibotBot } from './bot/qualibot-bot.js';
import { createTurnErrorHandler } from './bot/turn-error.js';
import { createSlackChannel, type SlackChannel } from './channels/slack/index.js';
import { DbWidgetHistory } from './channels/widget/db-widget-history.js';
import { createWidgetChannel, WIDGET_CHANNEL_ID, type WidgetChannel } from './channels/widget/index.js';
import { AdapterVisitorChannel, BotFrameworkVisitorChannel, ConditionalVisitorChannel, createHandoffModule, createSdrNotifiers, TeamsSdrGate, VisitorChannelRouter, type HandoffModule, type VisitorChannel } from './handoff/index.js';
import { CardSubmitTextMiddleware } from './channels/teams/card-submit-text.js';
import type { Config } from './config.js';
import { OutboxWorker, WebhookCrmSink } from './crm/index.js';
import type { Extractor } from './extraction/extractor.js';
import { createExtractor } from './extraction/create-extractor.js';
import { warmUpRecognizers } from './extraction/rules/numbers/recognizers.js';
import { RetentionJob } from './lifecycle/retention-job.js';
import type { Logger } from './logger.js';
import { InstrumentedExtractor } from './observability/instrumented-extractor.js';
import { Metrics } from './observability/metrics.js';
import { TurnMetricsMiddleware } from './observability/turn-metrics-middleware.js';
import { loadPlaybook } from './playbook/loader.js';
import type { Playbook } from './playbook/schema.js';
import { ServiceUrlPolicy } from './server/activity-guard.js';
import { mountBotFrameworkRoute } from './server/bot-framework-route.js';
import { Drain, refuseTurnsWhileDraining, remaining } from './server/drain.js';
import { mountProbes } from './server/probes.js';
import { openDatabase, type Database } from './storage/index.js';
// --- hardening (abuse limits, request defences, readiness of optional dependencies)
import { WidgetTokens } from './channels/widget/widget-tokens.js';
import { CombinedExtractor } from './extraction/combined-extractor.js';
import { RulesExtractor } from './extraction/rules/rules-extractor.js';
import { createAbuseGuards } from './server/abuse-guards.js';
import { ipRateLimit } from './server/ip-rate-limit.js';
import { LlmBudgetExtractor } from './server/llm-call-budget.js';
import { CrmDeliveryHealth, llmReadiness } from './server/readiness-checks.js';
import { hardenRequests } from './server/request-hardening.js';
import { visitorLocale } from './server/visitor-locale.js';
import { VisitorRateLimitMiddleware } from './server/visitor-rate-limit-middleware.js';
import { VisitorTextLimitMiddleware } from './server/visitor-text-limit-middleware.js';
import { widgetSessionLimit } from './server/widget-session-limit.js';
// --- end hardening

/** Request bodies above this are refused with 413 before any processing. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface App {
  url: string;
  server: restify.Server;
  bot: QualibotBot;
  adapter: CloudAdapter;
  playbook: Playbook;
  db: Database;
  metrics: Metrics;
  /** Self-hosted Slack, when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set. */
  slack?: SlackChannel;
  /** The website widget (its adapter sends proactive messages to widget visitors). */
  widget: WidgetChannel;
  handoff: HandoffModule;
  /** Runs one turn of the bot, serialised per conversation (what every channel calls). */
  runTurn(context: TurnContext): Promise<void>;
  /**
   * Graceful stop: readiness fails and new turns are refused at once, running turns and deliveries get at most
   * `graceMs` (default `SHUTDOWN_GRACE_MS`), then everything is closed.
   */
  close(graceMs?: number): Promise<void>;
}

export interface AppOverrides {
  playbook?: Playbook;
  extractor?: Extractor;
  db?: Database;
  /** Clock of the rate limits, in milliseconds (tests move time forward instead of waiting). */
  clock?: () => number;
}

/** The composition root's worker: builds every adapter from the config and starts listening. */
export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const playbook = overrides.playbook ?? loadPlaybook(config.playbook);
  const db = overrides.db ?? (await openDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir, logger }));
  const metrics = new Metrics();
  // --- hardening: the LLM side gets a per-conversation call budget and reports its breaker to /readyz
  const guards = createAbuseGuards(config.rateLimits, metrics.registry, overrides.clock);
  const baseExtractor = overrides.extractor ?? createExtractor(config, playbook, logger);
  const llmBreaker = baseExtractor instanceof CombinedExtractor ? baseExtractor.llmBreaker : undefined;
  const budgetedExtractor =
    baseExtractor instanceof CombinedExtractor
      ? new LlmBudgetExtractor(baseExtractor, new RulesExtractor(playbook, { warmUp: config.warmUp }), guards.llmBudget, logger, () => guards.refused('llm_budget'))
      : baseExtractor;
  const extractor = new InstrumentedExtractor(budgetedExtractor, metrics);
  // --- end hardening
  const { bot, conversationState } = buildBot({ playbook, extractor, logger, storage: db.state });
  bot.addListener(new LeadRecorder(db.leads, db.outbox, playbook, logger));
  bot.addListener(new RouteMetricsListener(metrics));
  metrics.addGauge('qualibot_outbox_backlog', 'CRM outbox entries not yet delivered', () => db.outbox.backlog());
  metrics.addGauge('qualibot_handoffs', 'Handoffs by status', async () => countByStatus(await db.handoffs.list()), 'status');

  // Turns are serialised per conversation and deduplicated by TurnGuardMiddleware, which every channel adapter runs;
  // each is counted so a shutdown knows when the last one is done.
  const drain = new Drain();
  const runTurn = (context: TurnContext) => drain.track(() => bot.run(context));

  if (!config.botFramework.authenticated) {
    logger.warn('MicrosoftAppId is empty: /api/messages accepts UNAUTHENTICATED requests (local/dev mode). Set MicrosoftAppId and MicrosoftAppPassword in production.');
  }
  const credentials = {
    MicrosoftAppId: config.botFramework.appId ?? '',
    MicrosoftAppPassword: config.botFramework.appPassword ?? '',
    MicrosoftAppType: config.botFramework.appType,
    MicrosoftAppTenantId: config.botFramework.tenantId ?? '',
  };
  const auth = new ConfigurationBotFrameworkAuthentication(credentials, new ConfigurationServiceClientCredentialFactory(credentials));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = createTurnErrorHandler(logger);
  // SDR takeover from Teams: activities of the SDR channel go to the handoff module before any visitor middleware.
  const teamsSdrGate = new TeamsSdrGate();
  adapter.use(teamsSdrGate);
  const localeOf = visitorLocale(bot.leadAccessor);
  // Too-long messages are refused before the transcript stores them (hardening).
  const turnMiddleware = [
    new TurnMetricsMiddleware(metrics),
    new TurnGuardMiddleware(db.lock, new CompletedTurnsInState(conversationState), logger),
    new VisitorTextLimitMiddleware(localeOf, logger),
    new TranscriptMiddleware(db.transcripts, logger),
  ];
  // Per-visitor message limits on /api/messages, before anything touches the database (hardening).
  adapter.use(
    new VisitorRateLimitMiddleware({ perConversation: guards.conversationMessages, perVisitor: guards.visitorMessages }, localeOf, logger, (limit) => guards.refused(limit)),
  );
  for (const middleware of turnMiddleware) adapter.use(middleware);
  adapter.use(new CardSubmitTextMiddleware());

  const server = restify.createServer({ name: 'qualibot', handleUncaughtExceptions: false });
  refuseTurnsWhileDraining(server, drain);
  // --- hardening: request defences and per-IP limits run before any body is read or parsed
  hardenRequests(server);
  const trustedHops = config.rateLimits.trustProxyHops;
  server.use(ipRateLimit({ method: 'POST', path: '/api/messages', limiter: guards.ipRequests, trustedHops, onRefused: () => guards.refused('ip') }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  const widgetTokens = new WidgetTokens(config.widget.secret);
  server.use(
    widgetSessionLimit({
      limiter: guards.widgetConversations,
      trustedHops,
      isValidVisitorToken: (token) => widgetTokens.verifyVisitorToken(token) !== undefined,
      allowedOrigins: config.widget.allowedOrigins,
      onRefused: () => guards.refused('widget_session'),
    }),
  );
  const crmHealth = new CrmDeliveryHealth();
  mountProbes(server, {
    db,
    metrics,
    playbook,
    extractorName: extractor.name,
    drain,
    checks: {
      ...(llmBreaker ? { llm: llmReadiness(llmBreaker) } : {}),
      ...(config.crm ? { crm: crmHealth.readiness(db.outbox) } : {}),
    },
  });
  // --- end hardening
  const serviceUrls = new ServiceUrlPolicy(config.botFramework.serviceUrlAllowlist, { authenticated: config.botFramework.authenticated });
  logger.info(`Bot Framework replies may go to ${serviceUrls.description}`);
  mountBotFrameworkRoute(server, adapter, { run: runTurn }, serviceUrls);
  const slack = config.slack
    ? createSlackChannel({ bot: { run: runTurn }, logger, config: config.slack, dedupe: db.processed, middleware: turnMiddleware })
    : undefined;
  slack?.mount(server);
  // Website widget: demo pages (/, /en), /widget.js, /api/widget/session and its socket.
  const widget = createWidgetChannel({ bot: { run: runTurn }, logger, ...config.widget, privacyUrl: playbook.links.privacy, site: { name: playbook.name, ...(playbook.site ? { pages: playbook.site } : {}) }, history: new DbWidgetHistory(db.widgetActivities) });
  widget.adapter.onTurnError = createTurnErrorHandler(logger);
  for (const middleware of turnMiddleware) widget.adapter.use(middleware);
  widget.mount(server);

  // Human handoff: SDR API and console; SDR messages reach visitors on whatever channel they are.
  const botFrameworkChannel = new BotFrameworkVisitorChannel(adapter, config.botFramework.appId ?? '');
  const visitorChannels: Record<string, VisitorChannel> = {
    [WIDGET_CHANNEL_ID]: new AdapterVisitorChannel(widget.adapter, (reference) => widget.adapter.isConnectedHere(reference)),
  };
  // channelId "slack" is also Azure Bot Service's Slack channel: only our own Slack references go to our adapter.
  if (slack) {
    const slackAdapter = slack.adapter;
    visitorChannels.slack = new ConditionalVisitorChannel((reference) => slackAdapter.handles(reference), new AdapterVisitorChannel(slackAdapter, 'anywhere'), botFrameworkChannel);
  }
  const handoff = createHandoffModule({
    db,
    bot,
    conversationState,
    playbook,
    logger,
    config: config.handoff,
    channels: new VisitorChannelRouter(visitorChannels, botFrameworkChannel),
  });
  handoff.mount(server);
  widget.onTyping((conversationId) => void handoff.service.visitorTyping(conversationId).catch((error: unknown) => logger.debug({ err: error }, 'visitor typing not relayed')));
  // --- SDR takeover: handoffs posted to a Teams and/or a Slack channel, claimed and answered from there.
  const teamsSdr = config.teams.sdrChannel;
  const slackSdr = config.slack?.sdrChannel;
  const sdrNotifiers = createSdrNotifiers({
    db,
    service: handoff.service,
    logger,
    publicUrl: config.publicUrl,
    // Its own adapter, without the visitor middleware: cards and thread lines are no visitor's transcript.
    teams: teamsSdr ? { config: teamsSdr, appId: config.botFramework.appId ?? '', adapter: new CloudAdapter(auth), gate: teamsSdrGate } : undefined,
    slack: slack && slackSdr ? { config: slackSdr, channel: slack } : undefined,
  });
  for (const notifier of sdrNotifiers) handoff.addNotifier(notifier);
  // --- end SDR takeover
  await handoff.start();

  const crmWorker = config.crm
    ? new OutboxWorker({
        outbox: db.outbox,
        sink: new WebhookCrmSink({ url: config.crm.webhookUrl, secret: config.crm.secret, fields: config.crm.fields, timeoutMs: config.crm.timeoutMs }),
        logger,
        pollIntervalMs: config.crm.pollIntervalMs,
        baseDelayMs: config.crm.baseDelayMs,
        maxDelayMs: config.crm.maxDelayMs,
        maxAttempts: config.crm.maxAttempts,
        onOutcome: (outcome) => crmHealth.record(outcome),
      })
    : undefined;
  crmWorker?.start();
  const retention = new RetentionJob(db.lifecycle, config.retention, logger);
  retention.start();

  // Compile the date/number recognizer models (seconds of CPU) before listening, so neither a visitor's
  // turn nor a health probe ever waits behind them.
  if (config.warmUp) warmUpRecognizers();
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, playbook: playbook.id, extractor: extractor.name, storage: db.engine }, 'Qualibot listening');

  return {
    url,
    server,
    bot,
    adapter,
    playbook,
    db,
    metrics,
    slack,
    widget,
    handoff,
    runTurn,
    close: async (graceMs = config.shutdownGraceMs) => {
      const deadline = Date.now() + graceMs;
      drain.start();
      logger.info({ turnsRunning: drain.turnsRunning, graceMs }, 'draining: not ready, new turns refused');
      // Widget visitors are told to reconnect (to another instance); their running turns still finish into history.
      await widget.close();
      if (!(await drain.idle(remaining(deadline)))) logger.warn({ turnsRunning: drain.turnsRunning }, 'shutdown: turns still running at the end of the grace period');
      retention.stop();
      await handoff.stop(remaining(deadline));
      await crmWorker?.stop(remaining(deadline));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
      await slack?.close();
      if (!overrides.db) await db.close();
    },
  };
}

function countByStatus(handoffs: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = { queued: 0, live: 0, closed: 0, expired: 0, released: 0 };
  for (const handoff of handoffs) counts[handoff.status] = (counts[handoff.status] ?? 0) + 1;
  return counts;
}
