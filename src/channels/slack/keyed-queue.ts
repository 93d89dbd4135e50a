import { setTimeout as sleep } from 'node:timers/promises';

interface Lane {
  tail: Promise<unknown>;
  pending: number;
  /** When the last task of this lane finished (ms since epoch). */
  lastEnd: number;
}

/**
 * Runs async tasks one after the other per key, optionally with a pause of `minIntervalMs` between
 * the end of one and the start of the next (a message delayed by a retry still counts from when it
 * actually went out). Keys are independent. Used per conversation (turns never race on the bot's
 * state) and per Slack channel (about one message per second). Idle keys are forgotten.
 */
export class KeyedQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly minIntervalMs = 0) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), pending: 0, lastEnd: 0 };
    this.lanes.set(key, lane);
    lane.pending += 1;
    const result = lane.tail.then(async () => {
      const wait = lane.lastEnd + this.minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        lane.lastEnd = Date.now();
      }
    });
    // A failed task must not block the ones queued after it; the caller still sees the failure.
    lane.tail = result.catch(() => undefined);
    const settled = lane.tail.then(() => this.release(key, lane));
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return result;
  }

  /** Resolves when every task queued so far (and any queued while waiting) has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Number of keys with a task queued or running, or still inside their pacing interval. */
  get size(): number {
    return this.lanes.size;
  }

  private release(key: string, lane: Lane): void {
    lane.pending -= 1;
    if (lane.pending > 0) return;
    const forget = () => {
      if (lane.pending === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    };
    // Keep the lane through its pacing interval, so the next task still waits its turn.
    if (this.minIntervalMs > 0) setTimeout(forget, this.minIntervalMs).unref();
    else forget();
  }
}
