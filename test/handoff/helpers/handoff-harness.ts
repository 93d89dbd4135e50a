import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Activity, TurnContext } from 'botbuilder';
import restify from 'restify';
import { buildBot } from '../../../src/bot/build-bot.js';
import { TranscriptMiddleware } from '../../../src/bot/middleware/transcript-middleware.js';
import type { QualibotBot } from '../../../src/bot/qualibot-bot.js';
import { BotFrameworkVisitorChannel, createHandoffModule, VisitorChannelRouter, type HandoffConfig, type HandoffModule, type VisitorChannel } from '../../../src/handoff/index.js';
import { hashPassword } from '../../../src/handoff/password-hash.js';
import { createLogger } from '../../../src/logger.js';
import { loadPlaybook } from '../../../src/playbook/loader.js';
import type { Playbook } from '../../../src/playbook/schema.js';
import type { Database } from '../../../src/storage/ports/database.js';
import type { SdrRecord } from '../../../src/storage/ports/sdrs.js';
import { createBotFrameworkAdapter, type BotFrameworkAdapter, type BotRuntimeName } from '../../../src/runtime/bot-runtime.js';
import { openSqliteDatabase } from '../../../src/storage/sqlite/open-sqlite.js';
import { FakeConnector } from '../../fakes/fake-connector.js';
import type { BookingService } from '../../../src/booking/booking-service.js';
import type { MeetingInvitationSender } from '../../../src/booking/meeting-invitation.js';
import { ScriptedExtractor } from '../../fakes/scripted-extractor.js';

export const logger = createLogger('silent');
export const BOOKING_URL = 'https://cal.example/prospekt/demo';

/** The quick replies (French labels) that make a hot lead: 25 + ICP + 25 + 25 + 25 = 100. */
export const HOT_ANSWERS_FR = ['Pas assez de rendez-vous commerciaux', '10 à 50 salariés', 'Je décide', 'Oui, budget validé', 'Dès que possible'];
export const HOT_ANSWERS_EN = ['Not enough sales meetings', '10 to 50 employees', 'I make the decision', 'Yes, budget approved', 'As soon as possible'];
/** A cold lead: vague interest, influencer… no budget, later. */
export const COLD_ANSWERS_FR = ['Je me renseigne simplement', '10 à 50 salariés', "Je recommande, quelqu'un d'autre valide", "Pas de budget pour l'instant", 'Plus tard / pas de projet daté'];

/** A clock tests can move forward (the repository still stamps rows with the real time). */
export class TestClock {
  offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface HarnessOptions {
  db?: Database;
  config?: Partial<HandoffConfig>;
  clock?: TestClock;
  /** Extra channel routes by channelId (e.g. a widget-like adapter); the Bot Framework channel is the fallback. */
  routes?: Record<string, VisitorChannel>;
  /** Whether to start the module (bus subscriptions + sweep). */
  start?: boolean;
  /** The channel's service outlives a restart of ours: share one between two harnesses. */
  connector?: FakeConnector;
  /** The SDK behind /api/messages (BOT_RUNTIME); botbuilder by default. */
  runtime?: BotRuntimeName;
  /** In-chat booking (a calendar pool); built with the harness's database lock and clock. */
  booking?: (deps: { db: Database; clock: TestClock }) => BookingService;
  /** The visitor's invitation to a booked meeting (SMTP in production). */
  bookingInvitations?: MeetingInvitationSender;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/**
 * One Qualibot instance for tests: the real bot (the runtime's adapter + transcript middleware) on a
 * loopback restify server, a fake Bot Connector as every activity's serviceUrl, SQLite in memory,
 * and the handoff module mounted. Visitors are driven through /api/messages like a channel would.
 */
export class HandoffHarness {
  url = '';
  readonly connector: FakeConnector;
  readonly db: Database;
  readonly clock: TestClock;
  readonly playbook: Playbook = loadPlaybook('champ');
  readonly bot: QualibotBot;
  readonly adapter: BotFrameworkAdapter;
  readonly module: HandoffModule;
  readonly config: HandoffConfig;
  private readonly server = restify.createServer({ name: 'handoff-test', handleUncaughtExceptions: false });
  private readonly ownsDb: boolean;
  private readonly ownsConnector: boolean;

  constructor(private readonly options: HarnessOptions = {}) {
    this.ownsDb = !options.db;
    this.ownsConnector = !options.connector;
    this.connector = options.connector ?? new FakeConnector();
    this.db = options.db ?? openSqliteDatabase({ filename: ':memory:' });
    this.clock = options.clock ?? new TestClock();
    this.config = {
      assignmentTimeoutS: 120,
      businessHours: [],
      timeZone: 'Europe/Paris',
      bookingUrl: BOOKING_URL,
      tokenSecret: 'test-secret-0123456789abcdef',
      sweepIntervalMs: 60 * 60 * 1000,
      ...options.config,
    };
    // Answers are quick replies (read without the extractor); free text only ever yields an email, if any.
    const extractor = new ScriptedExtractor((input) => ({ contact: { email: /[\w.+-]+@[\w-]+\.[\w.]+/.exec(input.text)?.[0] } }));
    const { bot, conversationState, visitorText } = buildBot({ playbook: this.playbook, extractor, logger, storage: this.db.state });
    this.bot = bot;
    this.adapter = createBotFrameworkAdapter(options.runtime ?? 'botbuilder', { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' });
    this.adapter.use(visitorText);
    this.adapter.use(new TranscriptMiddleware(this.db.transcripts, logger));
    this.adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    const channels = new VisitorChannelRouter(options.routes ?? {}, new BotFrameworkVisitorChannel(this.adapter, ''));
    const booking = options.booking?.({ db: this.db, clock: this.clock });
    this.module = createHandoffModule({ db: this.db, bot: this.bot.ports, conversationState, channels, playbook: this.playbook, logger, config: this.config, now: this.clock.now, ...(booking ? { booking } : {}), ...(options.bookingInvitations ? { bookingInvitations: options.bookingInvitations } : {}) });
  }

  async start(): Promise<this> {
    if (this.ownsConnector) await this.connector.start();
    this.server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
    const runTurn = (context: TurnContext) => this.db.lock.run(context.activity.conversation?.id ?? 'unknown', () => this.bot.run(context));
    this.server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
      await this.adapter.process(req, res, runTurn);
    });
    this.module.mount(this.server);
    if (this.options.start !== false) await this.module.start();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await this.module.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // fetch keeps connections alive for a few seconds; do not wait for them.
    this.server.server.closeAllConnections();
    await closed;
    if (this.ownsConnector) await this.connector.stop();
    if (this.ownsDb) await this.db.close();
  }

  // ------------------------------------------------------------ visitors

  /** Posts one visitor activity through /api/messages; resolves when the bot's turn is over. */
  async post(conversationId: string, fields: Partial<Activity>, channelId = 'webchat'): Promise<number> {
    const activity: Partial<Activity> = {
      type: 'message',
      id: randomUUID(),
      channelId,
      serviceUrl: this.connector.url,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `visitor-${conversationId}`, name: 'Visitor' },
      recipient: { id: 'qualibot', name: 'Qualibot' },
      timestamp: new Date(),
      locale: 'fr-FR',
      ...fields,
    };
    const response = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    if (response.status >= 300) throw new Error(`/api/messages answered ${response.status}: ${await response.text()}`);
    return response.status;
  }

  say(conversationId: string, text: string, options: { channelId?: string; locale?: string } = {}): Promise<number> {
    return this.post(conversationId, { text, ...(options.locale ? { locale: options.locale } : {}) }, options.channelId);
  }

  /** Says hello then clicks the quick replies of a hot lead: the bot decides `handoff` (high_score). */
  async reachHandoff(conversationId: string, options: { channelId?: string; locale?: 'fr' | 'en'; hello?: string } = {}): Promise<void> {
    const locale = options.locale ?? 'fr';
    const activityLocale = locale === 'fr' ? 'fr-FR' : 'en-US';
    await this.say(conversationId, options.hello ?? (locale === 'fr' ? 'Bonjour' : 'Hello'), { channelId: options.channelId, locale: activityLocale });
    for (const answer of locale === 'fr' ? HOT_ANSWERS_FR : HOT_ANSWERS_EN) await this.say(conversationId, answer, { channelId: options.channelId, locale: activityLocale });
  }

  /** Texts the bot sent into a conversation (replies and proactive messages), in order. */
  botTexts(conversationId: string): string[] {
    return this.connector.messages(conversationId).map((activity) => activity.text ?? '');
  }

  // ------------------------------------------------------------ SDRs

  async addSdr(email: string, name: string, password = 'correct horse battery'): Promise<SdrRecord> {
    return this.db.sdrs.add({ id: randomUUID(), email, name, passwordHash: await hashPassword(password) });
  }

  async login(email: string, password = 'correct horse battery'): Promise<string> {
    const response = await this.api('POST', '/api/sdr/login', { body: { email, password } });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  }

  async api<T = any>(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (e.g. HTML): keep the text
    }
    return { status: response.status, body: body as T };
  }

  async openHandoff(conversationId: string) {
    const handoff = (await this.db.handoffs.list({ conversationId })).at(-1);
    if (!handoff) throw new Error(`no handoff for ${conversationId}`);
    return handoff;
  }
}

export async function startHarness(options: HarnessOptions = {}): Promise<HandoffHarness> {
  return new HandoffHarness(options).start();
}

/** Polls until `check` stops throwing (for what arrives over the bus or SSE). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A Server-Sent Events reader over fetch: collects `{event, data}` frames. */
export class SseReader {
  readonly events: Array<{ event: string; data: any }> = [];
  private readonly controller = new AbortController();
  status = 0;

  static async open(url: string): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(url, { signal: reader.controller.signal, headers: { accept: 'text/event-stream' } });
    reader.status = response.status;
    if (response.ok && response.body) void reader.read(response.body);
    else await response.text();
    return reader;
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data) this.events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    }
  }
}
