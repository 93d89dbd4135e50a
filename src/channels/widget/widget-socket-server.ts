import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { MAX_VISITOR_TEXT } from '../../privacy/sanitize-text.js';
import { KeyedLock } from '../../storage/keyed-lock.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isOriginAllowed } from './origin-policy.js';
import { SlidingWindowRateLimiter } from './rate-limiter.js';
import { SocketClient } from './socket-client.js';
import type { WidgetAdapter } from './widget-adapter.js';
import type { WidgetConversation, WidgetConversations } from './widget-conversations.js';
import type { WidgetHistory } from './widget-history.js';
import type { WidgetTokens } from './widget-tokens.js';
import { parseClientFrame, peekClientActivityId, type ServerFrame } from './wire-protocol.js';

export const WIDGET_SOCKET_PATH = '/api/widget/socket';

/** Activity types a visitor may send; typing is passed to the typing listener only (not to the bot). */
const ACCEPTED_TYPES = new Set(['message', 'event']);

export interface WidgetSocketServerOptions {
  adapter: WidgetAdapter;
  conversations: WidgetConversations;
  history: WidgetHistory;
  tokens: WidgetTokens;
  logger: Logger;
  allowedOrigins: readonly string[];
  maxMessageBytes: number;
  /** Visitor messages per minute per conversation, whatever the number of its sockets. */
  messagesPerMinute: number;
  /** Sockets one conversation may have open at once (tabs, reconnects); beyond, the upgrade gets 429. */
  maxSocketsPerConversation?: number;
  /** Activities one conversation may store; beyond, the visitor's messages are refused (`conversation_full`). */
  maxStoredActivities?: number;
  /** Limits shared with the other channels (RATE_LIMIT_MESSAGES_PER_MINUTE), checked after the widget's own. */
  messageGate?: MessageGate;
  /** Told about every refusal (metrics). */
  onRefused?: (refusal: WidgetRefusal) => void;
  /** Ping period; a socket that missed one pong is dropped (the browser then reconnects). */
  heartbeatMs?: number;
}

/** Which limit refused a widget message or socket. */
export type WidgetRefusal = 'widget_messages' | 'widget_sockets' | 'widget_storage' | 'message_too_long' | 'conversation' | 'visitor';

/** One more visitor message in this conversation: allowed, or which limit refuses it and for how long. */
export type MessageGate = (conversation: { id: string; visitorId: string }) => Promise<GateAnswer>;
type GateAnswer = { allowed: true } | { allowed: false; limit: 'conversation' | 'visitor'; retryAfterMs: number };

export const DEFAULT_MAX_SOCKETS_PER_CONVERSATION = 5;
export const DEFAULT_MAX_STORED_ACTIVITIES = 1000;

/** A visitor's typing is told at most this often (Web Chat sends it on every few keystrokes). */
const TYPING_EVERY_MS = 2_000;

/**
 * The widget's WebSocket endpoint: authenticates with the short-lived socket token, replays what the
 * client missed since its watermark, then relays activities both ways. Oversized, too long and too
 * frequent messages are refused with an error frame before anything stores them; the connection keeps
 * serving. Every limit counts per conversation (and per visitor), never per socket, and a conversation
 * has at most `maxSocketsPerConversation` sockets, so opening more sockets buys nothing.
 */
export class WidgetSocketServer {
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly limiters = new WeakMap<WidgetConversation, SlidingWindowRateLimiter>();
  /**
   * The shared gate may wait for PostgreSQL: a conversation's activities pass it one after the other, so a later
   * message never overtakes an earlier one on its way to the adapter.
   */
  private readonly gateOrder = new KeyedLock();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly typingToldAt = new Map<string, number>();
  /** Told when a visitor types (e.g. so the SDR holding the conversation sees it). */
  onTyping?: (conversationId: string) => void;

  constructor(private readonly options: WidgetSocketServerOptions) {
    // Frames above the limit get a polite error; only absurd ones (4x) make ws cut the connection.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(options.maxMessageBytes * 4, 64 * 1024) });
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  private tellTyping(conversationId: string): void {
    const now = Date.now();
    if (!this.onTyping || now - (this.typingToldAt.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
    // Bounded: entries older than the throttle window carry no information.
    if (this.typingToldAt.size > 10_000) this.typingToldAt.clear();
    this.typingToldAt.set(conversationId, now);
    this.onTyping(conversationId);
  }

  /** Handles an HTTP upgrade if it is for the widget socket; returns false otherwise (left to others). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://widget.invalid');
    if (url.pathname !== WIDGET_SOCKET_PATH) return false;
    const { allowedOrigins, tokens, conversations, logger } = this.options;
    if (!isOriginAllowed(request.headers.origin, request.headers.host, allowedOrigins)) {
      logger.warn({ origin: request.headers.origin }, 'widget socket refused: origin not allowed');
      refuseUpgrade(socket, 403, 'Origin not allowed');
      return true;
    }
    const claims = tokens.verifySocketToken(url.searchParams.get('token'));
    const conversation = claims ? conversations.get(claims.conversationId) : undefined;
    if (!claims || !conversation || conversation.visitorId !== claims.visitorId) {
      refuseUpgrade(socket, 401, 'Invalid or expired socket token: open a new session');
      return true;
    }
    if (conversation.clients.size >= (this.options.maxSocketsPerConversation ?? DEFAULT_MAX_SOCKETS_PER_CONVERSATION)) {
      this.options.onRefused?.('widget_sockets');
      logger.warn({ conversationId: conversation.id, sockets: conversation.clients.size }, 'widget socket refused: too many sockets for one conversation');
      refuseUpgrade(socket, 429, 'Too many open connections for this conversation: close another tab');
      return true;
    }
    const watermark = parseWatermark(url.searchParams.get('watermark'));
    // A watermark the client has seen is a lower bound of what the conversation stores (after a restart too).
    conversation.lastSeq = Math.max(conversation.lastSeq, watermark);
    this.wss.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, conversation, watermark));
    return true;
  }

  /** Closes every socket (clients will try to reconnect elsewhere) and stops accepting new ones. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) {
      ws.close(1001, 'Server shutting down');
      setTimeout(() => ws.terminate(), 1000).unref();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async accept(ws: WebSocket, conversation: WidgetConversation, watermark: number): Promise<void> {
    const { logger, history } = this.options;
    const client = new SocketClient(ws, watermark);
    // Registered before reading the history: activities published meanwhile are held, not lost.
    conversation.clients.add(client);
    const limiter = this.limiterOf(conversation);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('message', (data, isBinary) => void this.onMessage(client, conversation, limiter, data, isBinary));
    ws.on('close', () => conversation.clients.delete(client));
    ws.on('error', (error) => logger.debug({ err: error, conversationId: conversation.id }, 'widget socket error'));
    try {
      const missed = await history.since(conversation.id, watermark);
      for (const { seq } of missed) conversation.lastSeq = Math.max(conversation.lastSeq, seq);
      client.finishReplay(missed);
      client.send({ type: 'ready', conversationId: conversation.id, watermark: client.watermark });
    } catch (error) {
      logger.error({ err: error, conversationId: conversation.id }, 'widget history unavailable');
      ws.close(1011, 'History unavailable');
    }
  }

  private async onMessage(client: SocketClient, conversation: WidgetConversation, limiter: SlidingWindowRateLimiter, data: RawData, isBinary: boolean): Promise<void> {
    const bytes = rawBytes(data);
    if (isBinary) return client.send(errorFrame('invalid_frame', 'Send JSON text frames.'));
    const text = bytes.toString('utf8');
    const { maxMessageBytes } = this.options;
    if (bytes.length > maxMessageBytes) {
      const frame = errorFrame('message_too_large', `Message of ${bytes.length} bytes exceeds the limit of ${maxMessageBytes} bytes.`, peekClientActivityId(text));
      return client.send({ ...frame, maxBytes: maxMessageBytes });
    }
    const parsed = parseClientFrame(text);
    if (!parsed) return client.send(errorFrame('invalid_frame', 'Expected {"type":"activity","activity":{…}}.', peekClientActivityId(text)));
    const { activity } = parsed;
    if (activity.type === 'typing') return this.tellTyping(conversation.id);
    const clientActivityId = activity.channelData?.clientActivityID;
    const { onRefused } = this.options;
    if (!limiter.tryTake()) {
      onRefused?.('widget_messages');
      const frame = errorFrame('rate_limited', `Too many messages: at most ${this.options.messagesPerMinute} per minute.`, clientActivityId);
      return client.send({ ...frame, retryAfterMs: limiter.retryAfterMs() });
    }
    if (!ACCEPTED_TYPES.has(activity.type)) {
      return client.send(errorFrame('unsupported_activity', `Activities of type "${activity.type}" are not accepted.`, clientActivityId));
    }
    // Refused here rather than by the bot, so not even its echo is stored (the bot's middleware refuses it on other channels).
    if ((activity.text?.length ?? 0) > MAX_VISITOR_TEXT) {
      onRefused?.('message_too_long');
      return client.send({ ...errorFrame('message_too_large', `Messages are limited to ${MAX_VISITOR_TEXT} characters: please sum it up.`, clientActivityId), maxChars: MAX_VISITOR_TEXT });
    }
    const { messageGate } = this.options;
    const shared = messageGate ? await this.gateOrder.run(conversation.id, async () => (activity.type === 'message' ? messageGate(conversation) : undefined)) : undefined;
    if (shared && !shared.allowed) {
      onRefused?.(shared.limit);
      return client.send({ ...errorFrame('rate_limited', 'Too many messages: please wait a little.', clientActivityId), retryAfterMs: shared.retryAfterMs });
    }
    const quota = this.options.maxStoredActivities ?? DEFAULT_MAX_STORED_ACTIVITIES;
    if (conversation.lastSeq >= quota) {
      onRefused?.('widget_storage');
      this.options.logger.warn({ conversationId: conversation.id, stored: conversation.lastSeq }, 'widget message refused: conversation storage quota reached');
      return client.send(errorFrame('conversation_full', `This conversation has reached its size limit (${quota} stored activities).`, clientActivityId));
    }
    try {
      await this.options.adapter.receive(conversation, activity);
    } catch (error) {
      this.options.logger.error({ err: error, conversationId: conversation.id }, 'widget activity could not be received');
      client.send(errorFrame('internal_error', 'The message could not be delivered.', clientActivityId));
    }
  }

  /** One limiter per conversation, shared by all its sockets. */
  private limiterOf(conversation: WidgetConversation): SlidingWindowRateLimiter {
    let limiter = this.limiters.get(conversation);
    if (!limiter) {
      limiter = new SlidingWindowRateLimiter(this.options.messagesPerMinute);
      this.limiters.set(conversation, limiter);
    }
    return limiter;
  }

  private checkAlive(): void {
    for (const ws of this.wss.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }
}

function errorFrame(code: Extract<ServerFrame, { type: 'error' }>['code'], message: string, clientActivityId?: string): Extract<ServerFrame, { type: 'error' }> {
  return clientActivityId ? { type: 'error', code, message, clientActivityId } : { type: 'error', code, message };
}

function rawBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function parseWatermark(value: string | null): number {
  const number = Number(value ?? 0);
  return Number.isSafeInteger(number) && number > 0 ? number : 0;
}

const UPGRADE_REFUSALS = {
  401: { reason: 'Unauthorized', code: 'invalid_token' },
  403: { reason: 'Forbidden', code: 'origin_not_allowed' },
  429: { reason: 'Too Many Requests', code: 'too_many_sockets' },
} as const;

function refuseUpgrade(socket: Duplex, status: keyof typeof UPGRADE_REFUSALS, message: string): void {
  const { reason, code } = UPGRADE_REFUSALS[status];
  const body = JSON.stringify({ error: { code, message } });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
