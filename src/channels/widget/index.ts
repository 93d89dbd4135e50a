import type { Logger } from 'pino';
import type { Server } from 'restify';
import { InMemoryWidgetHistory } from './in-memory-widget-history.js';
import { createSessionRoute } from './session-route.js';
import { loadWidgetAssets, type DemoSite } from './widget-assets.js';
import { WidgetAdapter, type WidgetBot } from './widget-adapter.js';
import { WidgetConversations } from './widget-conversations.js';
import { mountWidgetRoutes } from './widget-routes.js';
import type { OpeningPreview } from './widget-assets.js';
import { createAfterChatRoute } from './after-chat-route.js';
import type { AfterChat } from '../../handoff/after-chat.js';
import type { WidgetHistory } from './widget-history.js';
import { WidgetSessions } from './widget-sessions.js';
import { WidgetSocketServer, type MessageGate, type WidgetRefusal } from './widget-socket-server.js';
import { WidgetTokens } from './widget-tokens.js';

export { WidgetAdapter, type WidgetBot } from './widget-adapter.js';
export type { StoredActivity, WidgetHistory } from './widget-history.js';
export { InMemoryWidgetHistory } from './in-memory-widget-history.js';
export { WIDGET_CHANNEL_ID } from './widget-accounts.js';
export { WIDGET_SOCKET_PATH, type MessageGate, type WidgetRefusal } from './widget-socket-server.js';
export { measureWidgetSizes } from './widget-assets.js';

/** Everything the app passes in (see `config.widget`). */
export interface WidgetChannelOptions {
  bot: WidgetBot;
  logger: Logger;
  /** Defaults to an in-memory history (lost on restart). */
  history?: WidgetHistory;
  /** Sites that may embed the widget; empty = same origin and loopback only; '*' = any. */
  allowedOrigins: string[];
  maxMessageBytes: number;
  /** Visitor messages per minute per conversation (WIDGET_MESSAGES_PER_MINUTE). */
  messagesPerMinute: number;
  /** Open sockets per conversation (WIDGET_MAX_SOCKETS_PER_CONVERSATION). */
  maxSocketsPerConversation?: number;
  /** Stored activities per conversation (WIDGET_MAX_ACTIVITIES_PER_CONVERSATION). */
  maxStoredActivities?: number;
  /** RATE_LIMIT_MESSAGES_PER_MINUTE, shared with the other channels. */
  messageGate?: MessageGate;
  onRefused?: (refusal: WidgetRefusal) => void;
  /** Default privacy-policy link (a page may override it with data-privacy-url). */
  privacyUrl: string;
  /** What / and /en show: the playbook's site pages or a neutral page named after it. */
  site?: DemoSite;
  /** Signs visitor and socket tokens; instances behind one load balancer must share it. */
  secret: string;
  /** A mail transport is configured: the end of a live chat offers the transcript by e-mail. */
  transcriptByEmail?: boolean;
  /** The bot's first words, painted by the loader before Web Chat has loaded. */
  preview?: OpeningPreview;
}

/** The website widget: its Bot Framework adapter, its routes and its socket endpoint. */
export interface WidgetChannel {
  /** Set `onTurnError` and middleware on it; use `continueConversation` for proactive messages. */
  adapter: WidgetAdapter;
  /** Registers /, /en, /widget.js, /widget/*, /api/widget/session and the socket upgrade. */
  mount(server: Server): void;
  /** Listens to visitors typing (throttled); one listener. */
  onTyping(listener: (conversationId: string) => void): void;
  /** What serves the visitor's rating and transcript request after a live chat (the handoff module). */
  setAfterChat(afterChat: AfterChat): void;
  close(): Promise<void>;
}

/** Conversations nobody is connected to are forgotten from memory after this (their history stays). */
const IDLE_CONVERSATION_MS = 30 * 60 * 1000;

export function createWidgetChannel(options: WidgetChannelOptions): WidgetChannel {
  const logger = options.logger.child({ channel: 'widget' });
  const history = options.history ?? new InMemoryWidgetHistory();
  const conversations = new WidgetConversations();
  const adapter = new WidgetAdapter({ bot: options.bot, history, conversations, logger });
  const tokens = new WidgetTokens(options.secret);
  const sessions = new WidgetSessions({ adapter, conversations, history, tokens, logger });
  const sockets = new WidgetSocketServer({ ...options, adapter, conversations, history, tokens, logger });
  const sessionRoute = createSessionRoute({ sessions, allowedOrigins: options.allowedOrigins, logger });
  let afterChat: AfterChat | undefined;
  const afterChatRoute = createAfterChatRoute({ tokens, allowedOrigins: options.allowedOrigins, logger, afterChat: () => afterChat });
  const assets = loadWidgetAssets({ privacyUrl: options.privacyUrl, transcriptByEmail: options.transcriptByEmail ?? false, ...(options.preview ? { preview: options.preview } : {}), ...(options.site ? { site: options.site } : {}) });
  assets.catch((error: unknown) => logger.error({ err: error }, 'widget assets could not be loaded'));
  const sweeper = setInterval(() => conversations.sweep(IDLE_CONVERSATION_MS), 60_000);
  sweeper.unref();

  let unmount: (() => void) | undefined;

  return {
    adapter,
    mount(server) {
      unmount = mountWidgetRoutes(server, { assets, sessionRoute, afterChatRoute, sockets });
    },
    onTyping(listener) {
      sockets.onTyping = listener;
    },
    setAfterChat(service) {
      afterChat = service;
    },
    async close() {
      clearInterval(sweeper);
      unmount?.();
      await sockets.close();
    },
  };
}
