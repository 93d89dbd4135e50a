import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from './bot/turn.js';
import restify from 'restify';
import { createBotPipeline, type BotFrameworkAuthentication } from './bot/bot-pipeline.js';
import type { QualibotBot } from './bot/qualibot-bot.js';
import { createChannels } from './channels/create-channels.js';
import type { SlackChannel } from './channels/slack/index.js';
import type { WidgetChannel } from './channels/widget/index.js';
import type { Config } from './config.js';
import { mountCrmOutcomes } from './crm/inbound-outcomes.js';
import { loadDomainLists } from './enrichment/email-domain.js';
import { createLeadEnrichment, type LeadEnrichment, type TurnWait } from './enrichment/index.js';
import { createExtraction } from './extraction/create-extractor.js';
import type { Extractor } from './extraction/extractor.js';
import { warmUpRecognizers } from './extraction/rules/numbers/recognizers.js';
import { createBooking } from './booking/create-booking.js';
import { SmtpMeetingInvitations } from './booking/meeting-invitation.js';
import { AfterChatService } from './handoff/after-chat.js';
import { createHandoffModule, createSdrNotifiers, type HandoffModule } from './handoff/index.js';
import { SmtpTranscriptMailer } from './mail/transcript-mailer.js';
import { startBackgroundWorkers } from './lifecycle/background-workers.js';
import type { Logger } from './logger.js';
import { InstrumentedExtractor } from './observability/instrumented-extractor.js';
import { Metrics } from './observability/metrics.js';
import { warnMissingLocales } from './playbook/locale-fields.js';
import { loadPlaybook, resolvePlaybookPath } from './playbook/loader.js';
import { useTextOverrides } from './i18n/translate.js';
import type { Playbook } from './playbook/schema.js';
import { createAbuseGuards } from './server/abuse-guards.js';
import { remaining } from './server/drain.js';
import { createHttpServer } from './server/http-server.js';
import { hardenRequests } from './server/request-hardening.js';
import { installSecurityHeaders } from './server/security-headers.js';
import { mountProbes } from './server/probes.js';
import { CrmDeliveryHealth, llmReadiness } from './server/readiness-checks.js';
import { openDatabase, type Database } from './storage/index.js';
import type { BotFrameworkAdapter } from './runtime/bot-runtime.js';
import { createBotbuilderAdapter } from './runtime/botbuilder-adapter.js';

export interface App {
  url: string;
  /** Where /metrics and /readyz are served when METRICS_PORT is set (else on `url`). */
  operationsUrl?: string;
  server: restify.Server;
  bot: QualibotBot;
  /** The Bot Framework protocol adapter of the runtime picked by BOT_RUNTIME. */
  adapter: BotFrameworkAdapter;
  playbook: Playbook;
  db: Database;
  metrics: Metrics;
  /** Self-hosted Slack, when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set. */
  slack?: SlackChannel;
  /** The website widget (its adapter sends proactive messages to widget visitors). */
  widget: WidgetChannel;
  handoff: HandoffModule;
  /** Company lookups (tests wait for them with `idle` and listen with `onStored`). */
  enrichment: LeadEnrichment;
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
  /** Bot Framework authentication (tests validate tokens against a fake of the Bot Service's keys). */
  botFrameworkAuthentication?: BotFrameworkAuthentication;
  /** How long a turn waits for a company lookup (tests pass a wait they release instead of a wall clock). */
  enrichmentWait?: TurnWait;
}

/**
 * The composition root's worker: builds the named parts from the config, each from what the previous ones
 * returned — extraction, bot pipeline, HTTP server and channels, handoff, background workers — and starts listening.
 */
export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const playbook = overrides.playbook ?? loadPlaybook(config.playbook);
  // A playbook written before a language was added still runs: those texts show in English, said once here.
  warnMissingLocales(playbook, logger);
  // The playbook's own wording of catalogue texts, for every translate() of this process.
  useTextOverrides(playbook.texts);
  const db = overrides.db ?? (await openDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir, poolSize: config.storage.poolSize, logger }));
  const metrics = new Metrics();
  // On PostgreSQL the rate limits count in the database, so they hold across instances.
  const guards = createAbuseGuards(config.rateLimits, metrics.registry, { pool: db.sharedCountersPool, logger });

  // Extraction: the LLM side (when configured) gets a per-conversation call budget and reports its breaker to /readyz.
  const extraction = overrides.extractor
    ? { extractor: overrides.extractor }
    : createExtraction(config, playbook, logger, { budget: guards.llmBudget, onBudgetSkipped: () => guards.refused('llm_budget') });
  const extractor = new InstrumentedExtractor(extraction.extractor, metrics);

  // Company lookups: an invalid company file stops start-up here (file and row named).
  const enrichment = createLeadEnrichment({ config: config.enrichment, playbook, store: db.enrichments, logger, ...(overrides.enrichmentWait ? { wait: overrides.enrichmentWait } : {}) });
  const pipeline = createBotPipeline({ config, playbook, extractor, enrichment, db, metrics, guards, logger, authentication: overrides.botFrameworkAuthentication });
  const { bot, drain } = pipeline;
  metrics.addGauge('qualibot_outbox_backlog', 'CRM outbox entries not yet delivered', () => db.outbox.backlog());
  metrics.addGauge('qualibot_handoffs', 'Handoffs by status', async () => countByStatus(await db.handoffs.list()), 'status');

  // Routes: defences first, then probes, then the channels.
  const server = createHttpServer({ config, drain, guards, logger });
  const crmHealth = new CrmDeliveryHealth();
  // METRICS_PORT: /metrics and /readyz on a listener of their own, off the public port.
  const operationsServer = config.operations.listen ? restify.createServer({ name: 'qualibot-operations', handleUncaughtExceptions: false }) : undefined;
  if (operationsServer) {
    hardenRequests(operationsServer);
    installSecurityHeaders(operationsServer, { https: false });
  }
  mountProbes(server, {
    ...(config.operations.token ? { token: config.operations.token } : {}),
    ...(operationsServer ? { operationsServer } : {}),
    db,
    metrics,
    playbook,
    extractorName: extractor.name,
    drain,
    checks: {
      ...(extraction.llmBreaker ? { llm: llmReadiness(extraction.llmBreaker) } : {}),
      ...(config.crm ? { crm: crmHealth.readiness(db.outbox) } : {}),
    },
  });
  const { widget, slack, visitors } = createChannels({ config, pipeline, db, playbook, logger, server, guards });

  // Human handoff: SDR API and console; SDR messages reach visitors on whatever channel they are.
  const handoff = createHandoffModule({
    db,
    bot: bot.ports,
    conversationState: pipeline.conversationState,
    playbook,
    ...(overrides.playbook ? {} : { playbookYaml: () => readFileSync(resolvePlaybookPath(config.playbook), 'utf8') }),
    logger,
    config: config.handoff,
    channels: visitors,
    ...(config.booking ? { booking: createBooking(config.booking, { lock: db.lock, logger }) } : {}),
    // Graph e-mails its own invitations; a CalDAV server may not, so Qualibot sends one when it can send mail.
    ...(config.booking?.provider === 'caldav' && config.mail ? { bookingInvitations: new SmtpMeetingInvitations(config.mail) } : {}),
    sdrLocale: config.sdrLocale,
    // The login throttle sees the client address as the rest of the server does (TRUST_PROXY_HOPS).
    login: { trustedHops: config.rateLimits.trustProxyHops, onFailure: (reason) => metrics.loginFailures.inc({ reason }), onThrottled: () => guards.refused('login') },
  });
  handoff.mount(server);
  // After a live chat: the visitor's rating, and the transcript by e-mail when SMTP is configured.
  widget.setAfterChat(
    new AfterChatService({ db, ...(config.mail ? { mailer: new SmtpTranscriptMailer(config.mail) } : {}), title: playbook.name, logger, now: () => new Date() }),
  );
  // A lookup after the lead was queued (a contact typed while waiting, a late result): the open handoff shows it,
  // and an existing customer still in the queue goes to its owner.
  enrichment.onStored((record) => handoff.service.enrichmentArrived(record));
  widget.onTyping((conversationId) => void handoff.service.visitorTyping(conversationId).catch((error: unknown) => logger.debug({ err: error }, 'visitor typing not relayed')));
  // Outcomes the CRM reports later (meeting held, opportunity, won/lost), when a shared secret is set.
  if (config.crmOutcomesSecret) mountCrmOutcomes(server, { db, secret: config.crmOutcomesSecret, logger });
  // SDR takeover: handoffs posted to a Teams and/or a Slack channel, claimed and answered from there.
  const teamsSdr = config.teams.sdrChannel;
  const slackSdr = config.slack?.sdrChannel;
  const sdrNotifiers = createSdrNotifiers({
    db,
    service: handoff.service,
    logger,
    publicUrl: config.publicUrl,
    // Its own adapter, without the visitor middleware: cards and thread lines are no visitor's transcript.
    // botbuilder on both runtimes: it creates conversations through botbuilder's ConnectorClient (README, runtimes).
    teams: teamsSdr ? { config: teamsSdr, appId: config.botFramework.appId ?? '', adapter: createBotbuilderAdapter(pipeline.auth), gate: pipeline.teamsSdrGate } : undefined,
    slack: slack && slackSdr ? { config: slackSdr, channel: slack } : undefined,
  });
  for (const notifier of sdrNotifiers) handoff.addNotifier(notifier);
  await handoff.start();

  const workers = startBackgroundWorkers({ config, db, logger, onCrmOutcome: (outcome) => crmHealth.record(outcome) });

  // Compile the date/number recognizer models (seconds of CPU) before listening, so neither a visitor's
  // turn nor a health probe ever waits behind them.
  if (config.warmUp) {
    warmUpRecognizers();
    await loadDomainLists();
  }
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  let operationsUrl: string | undefined;
  if (operationsServer && config.operations.listen) {
    const { host: operationsHost, port: operationsPort } = config.operations.listen;
    await new Promise<void>((resolve) => operationsServer.listen(operationsPort, operationsHost, () => resolve()));
    const bound = operationsServer.address() as AddressInfo;
    operationsUrl = `http://${operationsHost === '0.0.0.0' || operationsHost === '::' ? '127.0.0.1' : operationsHost}:${bound.port}`;
    logger.info({ operationsUrl }, '/metrics and /readyz served on the operations listener only');
  }
  logger.info({ url, playbook: playbook.id, extractor: extractor.name, storage: db.engine }, 'Qualibot listening');

  return {
    url,
    ...(operationsUrl ? { operationsUrl } : {}),
    server,
    bot,
    adapter: pipeline.adapter,
    playbook,
    db,
    metrics,
    slack,
    widget,
    handoff,
    enrichment,
    runTurn: pipeline.runTurn,
    close: async (graceMs = config.shutdownGraceMs) => {
      const deadline = Date.now() + graceMs;
      drain.start();
      logger.info({ turnsRunning: drain.turnsRunning, graceMs }, 'draining: not ready, new turns refused');
      // Widget visitors are told to reconnect (to another instance); their running turns still finish into history.
      await widget.close();
      if (!(await drain.idle(remaining(deadline)))) logger.warn({ turnsRunning: drain.turnsRunning }, 'shutdown: turns still running at the end of the grace period');
      await Promise.race([enrichment.idle(), new Promise((resolve) => setTimeout(resolve, remaining(deadline)).unref())]);
      await handoff.stop(remaining(deadline));
      await workers.stop(remaining(deadline));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
      await slack?.close();
      if (operationsServer) {
        const operationsClosed = new Promise<void>((resolve) => operationsServer.close(() => resolve()));
        operationsServer.server.closeAllConnections();
        await operationsClosed;
      }
      if (!overrides.db) await db.close();
    },
  };
}

function countByStatus(handoffs: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = { queued: 0, live: 0, closed: 0, expired: 0, released: 0 };
  for (const handoff of handoffs) counts[handoff.status] = (counts[handoff.status] ?? 0) + 1;
  return counts;
}
