import type { ConversationState } from '../bot/turn.js';
import type { Server } from 'restify';
import type { BotPorts } from '../bot/bot-ports.js';
import { DeliveryLanes } from '../delivery/delivery-lanes.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { Locale } from '../qualification/types.js';
import type { Database } from '../storage/ports/database.js';
import type { Unsubscribe } from '../storage/ports/event-bus.js';
import { AssignmentSweeper } from './assignment-sweeper.js';
import { loadCannedReplies } from './canned-replies.js';
import { mountSdrConsole } from './console-route.js';
import { sweepIntervalFor, type HandoffConfig } from './handoff-config.js';
import { HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, subscribeValidated } from './handoff-events.js';
import { HandoffInterceptor } from './handoff-interceptor.js';
import { HandoffListener } from './handoff-listener.js';
import { ConversationReferenceKeeper } from './reference-keeper.js';
import { HandoffService } from './handoff-service.js';
import { NotifierDispatcher, type HandoffNotifier } from './notifiers/index.js';
import { InsightsService } from '../insights/insights-service.js';
import { mountInsightsApi } from '../insights/insights-api.js';
import { calibrate } from '../calibration/calibrate.js';
import { candidatePlaybookYaml } from '../calibration/candidate-playbook.js';
import { parsePlaybookText } from '../playbook/loader.js';
import { whatIfFromDatabase } from '../whatif/whatif-from-database.js';
import { mountInsightsPage } from '../insights/insights-page-route.js';
import { bearerToken, mountSdrApi, type LoginDefenceOptions } from './sdr-api.js';
import { SdrTokens } from './sdr-tokens.js';
import { SseHub } from './sse-hub.js';
import { VisitorCourier } from './visitor-courier.js';
import type { VisitorChannel } from './visitor-channel.js';
import type { BookingService } from '../booking/booking-service.js';
import type { MeetingInvitationSender } from '../booking/meeting-invitation.js';

export type { HandoffConfig } from './handoff-config.js';
export { AdapterVisitorChannel } from './adapter-visitor-channel.js';
export { BotFrameworkVisitorChannel } from './bot-framework-visitor-channel.js';
export { ConditionalVisitorChannel, VisitorChannelRouter, type ChannelReach, type VisitorChannel } from './visitor-channel.js';
export { createSdrNotifiers, TeamsSdrGate, type HandoffNotifier } from './notifiers/index.js';

/** Deadline of one SDR notifier call (Teams card, Slack post), retries on 429 included. */
const NOTIFIER_TIMEOUT_MS = 30_000;

/** What the handoff module reads and writes: its own repositories, the references it keeps, the bus it shares. */
export type HandoffRepositories = Pick<
  Database,
  'handoffs' | 'transcripts' | 'sdrs' | 'leads' | 'feedback' | 'notes' | 'insights' | 'outbox' | 'lock' | 'bus' | 'references' | 'processed' | 'enrichments'
>;

export interface HandoffModuleOptions {
  db: HandoffRepositories;
  /** Where the handoff module hooks into the bot: its decision listener and its message interceptor. */
  bot: BotPorts;
  /** The bot's conversation state (the handoff module keeps its own properties there). */
  conversationState: ConversationState;
  /** How to reach visitors proactively (usually a `VisitorChannelRouter`). */
  channels: VisitorChannel;
  playbook: Playbook;
  /** The running playbook's file as written (calibration's candidate keeps its comments); absent for a playbook built in code. */
  playbookYaml?: () => string;
  logger: Logger;
  config: HandoffConfig;
  /** Client address and attack reporting of `POST /api/sdr/login`. */
  login?: LoginDefenceOptions;
  /** In-chat booking: calendar slots offered when nobody can join (BOOKING_CALENDAR). */
  booking?: BookingService;
  /** The visitor's invitation to a meeting booked on a calendar that sends none (CalDAV with SMTP). */
  bookingInvitations?: MeetingInvitationSender;
  /** Language of the calendar events written for SDRs (SDR_LOCALE). */
  sdrLocale?: Locale;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface HandoffModule {
  /** SDR API (`/api/sdr/...`) and console (`/sdr`). */
  mount(server: Server): void;
  /** Subscribes to the event bus and starts the assignment-timeout sweep. */
  start(): Promise<void>;
  /** Stops the sweep and the subscriptions; waits for notices and notifier calls in flight at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  readonly service: HandoffService;
  /** Adds a place where SDRs are told about handoffs (Teams, Slack); call before `start`. */
  addNotifier(notifier: HandoffNotifier): void;
}

/**
 * Human handoff: hooks its decision listener (decisions, visitors leaving) and message interceptor into the bot's ports at once;
 * `mount` adds the HTTP routes, `start` the background parts.
 */
export function createHandoffModule(options: HandoffModuleOptions): HandoffModule {
  const { db, bot, logger, config } = options;
  const now = options.now ?? (() => new Date());
  // One lane per destination for every send to a visitor.
  const courier = new VisitorCourier(db, options.channels, logger, new DeliveryLanes({ timeoutMs: config.deliveryTimeoutMs }));
  // Read and checked at start-up: a bad file stops the start naming the field.
  const cannedReplies = loadCannedReplies(config.cannedRepliesFile);
  const service = new HandoffService({
    db,
    playbook: options.playbook,
    courier,
    config,
    logger,
    now,
    ...(options.booking ? { booking: options.booking } : {}),
    ...(options.bookingInvitations ? { bookingInvitations: options.bookingInvitations } : {}),
    ...(options.sdrLocale ? { sdrLocale: options.sdrLocale } : {}),
  });
  const hub = new SseHub(logger);
  const sweeper = new AssignmentSweeper(service, sweepIntervalFor(config), logger);
  let unsubscribe: Unsubscribe | undefined;
  // SDR notifiers (Teams, Slack) follow the same bus events as the consoles, on their own subscription.
  // Their own lanes, with room for a Slack Retry-After the client waits out inside one call.
  const notifiers = new NotifierDispatcher({ db, logger, lanes: new DeliveryLanes({ timeoutMs: NOTIFIER_TIMEOUT_MS }) });
  let unsubscribeNotifiers: Unsubscribe | undefined;

  const references = new ConversationReferenceKeeper(db.references, options.conversationState);
  bot.addDecisionListener(new HandoffListener({ db, service, references, playbook: options.playbook, config, logger, now }));
  bot.addMessageInterceptor(new HandoffInterceptor({ db, service, references, leads: bot.leads, now }));

  return {
    service,
    addNotifier(notifier) {
      notifiers.add(notifier);
    },
    mount(server) {
      const tokens = new SdrTokens(config.tokenSecret, now);
      mountSdrApi(server, { db, service, tokens, hub, logger, now, cannedReplies, ...(options.login ? { login: options.login } : {}) });
      mountInsightsApi(server, {
        service: new InsightsService(db.insights, options.playbook),
        authenticate: async (req) => {
          const claims = tokens.verify(bearerToken(req));
          return claims ? db.sdrs.get(claims.sdrId) : undefined;
        },
        filterOptions: (period) => db.insights.filterOptions(period),
        whatIf: (candidateYaml, scope) => whatIfFromDatabase(db, { baseline: options.playbook, candidate: parsePlaybookText(candidateYaml) }, scope, logger),
        calibrate: async (since) => {
          const calibration = calibrate(options.playbook, await db.feedback.labelled({ playbookId: options.playbook.id, since }));
          const candidate = calibration.tooFew || !options.playbookYaml ? null : candidatePlaybookYaml(options.playbookYaml(), calibration, now());
          return { playbook: { id: options.playbook.id, version: options.playbook.version }, calibration, candidate };
        },
        logger,
        now,
      });
      mountInsightsPage(server);
      mountSdrConsole(server);
    },
    async start() {
      await courier.start();
      unsubscribe ??= await subscribeValidated(db.bus, HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, (event) => hub.broadcast(event), logger);
      if (notifiers.size > 0) {
        unsubscribeNotifiers ??= await subscribeValidated(db.bus, HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, (event) => notifiers.handle(event), logger);
      }
      sweeper.start();
    },
    async stop(graceMs = 10_000) {
      const deadline = Date.now() + graceMs;
      await sweeper.stop();
      await unsubscribe?.();
      unsubscribe = undefined;
      await unsubscribeNotifiers?.();
      unsubscribeNotifiers = undefined;
      // Sends still on their way get what is left of the grace period; a dead channel cannot hold the exit.
      await withinDeadline(Promise.all([notifiers.idle(), service.noticesSettled()]), deadline);
      await courier.stop();
      hub.closeAll();
    },
  };
}

/** Waits for `work` until the deadline at most (the work itself goes on, unwatched). */
async function withinDeadline(work: Promise<unknown>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
  await Promise.race([work.then(() => undefined), late]);
  clearTimeout(timer);
}
