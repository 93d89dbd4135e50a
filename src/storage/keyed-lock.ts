import type { ConversationLock } from './ports/conversation-lock.js';

/**
 * In-process mutual exclusion per key: calls with the same key run one after the other (FIFO),
 * calls with different keys run concurrently. Used to serialise the turns of one conversation.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    // The tail never rejects: it only tracks "everyone before me is done".
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      await previous;
      return await fn();
    } finally {
      release();
      // Forget the key once nobody queued behind us, so the map does not grow with every conversation.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Number of keys currently held or waited for. */
  get activeKeys(): number {
    return this.tails.size;
  }
}

const processWide = new KeyedLock();

/** Runs `fn` while holding the process-wide lock for `key`. */
export function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  return processWide.run(key, fn);
}

/** `ConversationLock` for a single process (the SQLite engine). */
export class InProcessConversationLock implements ConversationLock {
  constructor(private readonly lock: KeyedLock = new KeyedLock()) {}

  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(conversationId, fn);
  }
}
