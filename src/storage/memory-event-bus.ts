import type { StorageLogger } from './ports/database.js';
import type { BusHandler, EventBus, Unsubscribe } from './ports/event-bus.js';

/**
 * In-process `EventBus` (SQLite engine: one instance). Delivery is asynchronous and hands each
 * handler a JSON copy, like the PostgreSQL bus, so code written against one behaves the same on the other.
 */
export class MemoryEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  constructor(private readonly logger?: StorageLogger) {}

  async publish(topic: string, payload: unknown): Promise<void> {
    const handlers = this.handlers.get(topic);
    if (!handlers || handlers.size === 0) return;
    const json = JSON.stringify(payload ?? null);
    for (const handler of [...handlers]) {
      setImmediate(() => void deliver(handler, JSON.parse(json), topic, this.logger));
    }
  }

  async subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe> {
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

  close(): void {
    this.handlers.clear();
  }
}

/** Calls one handler; a failing handler is logged and never affects the publisher or other handlers. */
export async function deliver(handler: BusHandler, payload: unknown, topic: string, logger?: StorageLogger): Promise<void> {
  try {
    await handler(payload);
  } catch (error) {
    logger?.error({ err: error, topic }, 'event bus handler failed');
  }
}
