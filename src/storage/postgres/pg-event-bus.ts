import pg from 'pg';
import { deliver } from '../memory-event-bus.js';
import type { StorageLogger } from '../ports/database.js';
import type { BusHandler, EventBus, Unsubscribe } from '../ports/event-bus.js';

/** One channel for every topic: the topic travels in the message, so topic names need no SQL quoting. */
export const BUS_CHANNEL = 'qualibot_bus';
/** NOTIFY refuses payloads of 8000 bytes or more; keep a margin for the envelope. */
export const MAX_NOTIFY_BYTES = 7900;
const RECONNECT_DELAY_MS = 1000;

type Envelope = { t: string; p?: unknown; ref?: string };

export interface PgEventBusOptions {
  /** Pool used to publish and to fetch oversized payloads. */
  pool: pg.Pool;
  /** Connection settings for the dedicated LISTEN connection (kept outside the pool). */
  connection: pg.ClientConfig;
  logger?: StorageLogger;
}

/**
 * `EventBus` over PostgreSQL LISTEN/NOTIFY, so every instance sharing the database receives each
 * message. A payload too large for NOTIFY is stored in `bus_payloads` and the notification carries
 * its id. Best effort: messages sent while the listener reconnects are lost (use the outbox for durability).
 */
export class PgEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private listener?: Promise<pg.Client>;
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly options: PgEventBusOptions) {}

  async publish(topic: string, payload: unknown): Promise<void> {
    const inline = JSON.stringify({ t: topic, p: payload ?? null } satisfies Envelope);
    if (Buffer.byteLength(inline, 'utf8') <= MAX_NOTIFY_BYTES) {
      await this.options.pool.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, inline]);
      return;
    }
    const { rows } = await this.options.pool.query<{ id: string }>(
      'INSERT INTO bus_payloads (topic, payload) VALUES ($1, $2) RETURNING id',
      [topic, JSON.stringify(payload)],
    );
    await this.options.pool.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, JSON.stringify({ t: topic, ref: String(rows[0]?.id) })]);
  }

  async subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe> {
    if (this.closed) throw new Error('event bus is closed');
    await this.ensureListening();
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(topic) === set) this.handlers.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.handlers.clear();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.then((client) => client.end()).catch(() => undefined);
  }

  private ensureListening(): Promise<pg.Client> {
    this.listener ??= this.connect().catch((error: unknown) => {
      this.listener = undefined;
      throw error;
    });
    return this.listener;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.options.connection);
    client.on('notification', (message) => {
      if (message.channel === BUS_CHANNEL && message.payload) void this.dispatch(message.payload);
    });
    client.on('error', (error) => this.onListenerLost(client, error));
    client.on('end', () => this.onListenerLost(client));
    await client.connect();
    await client.query(`LISTEN ${BUS_CHANNEL}`);
    return client;
  }

  /** Reconnects in the background while someone is subscribed; messages in between are lost. */
  private onListenerLost(client: pg.Client, error?: unknown): void {
    if (this.closed) return;
    void this.listener?.then((current) => {
      if (current !== client) return;
      this.options.logger?.warn({ err: error }, 'event bus listener lost; reconnecting');
      this.listener = undefined;
      client.end().catch(() => undefined);
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => this.reconnect(), RECONNECT_DELAY_MS);
      this.reconnectTimer.unref();
    }, () => undefined);
  }

  private reconnect(): void {
    if (this.closed || this.handlers.size === 0) return;
    this.ensureListening().catch((error: unknown) => {
      this.options.logger?.warn({ err: error }, 'event bus reconnect failed; retrying');
      this.reconnectTimer = setTimeout(() => this.reconnect(), RECONNECT_DELAY_MS);
      this.reconnectTimer.unref();
    });
  }

  private async dispatch(raw: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      this.options.logger?.warn({ raw: raw.slice(0, 200) }, 'event bus: unreadable notification ignored');
      return;
    }
    const handlers = this.handlers.get(envelope.t);
    if (!handlers || handlers.size === 0) return;
    let payload = envelope.p;
    if (envelope.ref !== undefined) {
      try {
        const { rows } = await this.options.pool.query<{ payload: unknown }>('SELECT payload FROM bus_payloads WHERE id = $1', [
          envelope.ref,
        ]);
        if (!rows[0]) return;
        payload = rows[0].payload;
      } catch (error) {
        this.options.logger?.error({ err: error, topic: envelope.t }, 'event bus: oversized payload could not be read');
        return;
      }
    }
    const json = JSON.stringify(payload ?? null);
    // Each handler gets its own copy, so one handler mutating it cannot surprise another.
    for (const handler of [...handlers]) void deliver(handler, JSON.parse(json), envelope.t, this.options.logger);
  }
}
