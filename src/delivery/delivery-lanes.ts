/**
 * Outbound calls grouped by destination (a channel's service URL, a notifier, a CRM), so a destination that
 * fails or hangs costs only its own lane: each lane runs a few calls at once, each call has a deadline, and
 * after a run of failures the lane stops calling for a while (doubling, up to a ceiling) and fails at once
 * instead. Nothing queues behind a dead destination, and a healthy one is never slowed by it.
 */
export interface DeliveryLanesOptions {
  /** Calls in flight per destination (default 4). */
  concurrency?: number;
  /** Deadline of one call (default 5 s). */
  timeoutMs?: number;
  /** Consecutive failures that close a lane (default 3). */
  failuresToPause?: number;
  /** First pause of a failing lane (default 5 s); it doubles at each new failure, up to `maxPauseMs`. */
  pauseMs?: number;
  /** Longest pause (default 5 min). */
  maxPauseMs?: number;
  now?: () => number;
}

/** Why a call was not made or not waited for. */
export class DeliveryError extends Error {
  constructor(
    readonly destination: string,
    readonly reason: 'timeout' | 'paused',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

interface Lane {
  running: number;
  waiting: Array<() => void>;
  failures: number;
  pausedUntil: number;
  pauseMs: number;
}

export class DeliveryLanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly failuresToPause: number;
  private readonly pauseMs: number;
  private readonly maxPauseMs: number;
  private readonly now: () => number;

  constructor(options: DeliveryLanesOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.failuresToPause = options.failuresToPause ?? 3;
    this.pauseMs = options.pauseMs ?? 5000;
    this.maxPauseMs = options.maxPauseMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `call` in `destination`'s lane: waits for a free slot, fails at once while the lane is paused, and
   * stops waiting at the deadline (the call's signal is aborted; a client that ignores it is left to finish alone).
   */
  async run<T>(destination: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const lane = this.laneOf(destination);
    this.refuseIfPaused(destination, lane);
    if (lane.running >= this.concurrency) {
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
      this.refuseIfPaused(destination, lane, true);
    }
    lane.running += 1;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new DeliveryError(destination, 'timeout', `${destination}: no answer in ${this.timeoutMs} ms`));
        }, this.timeoutMs);
      });
      const result = await Promise.race([call(controller.signal), deadline]);
      lane.failures = 0;
      lane.pauseMs = this.pauseMs;
      return result;
    } catch (error) {
      this.recordFailure(lane);
      throw error;
    } finally {
      clearTimeout(timer);
      lane.running -= 1;
      lane.waiting.shift()?.();
    }
  }

  /** Whether calls to `destination` are being refused right now (for health and logs). */
  isPaused(destination: string): boolean {
    const lane = this.lanes.get(destination);
    return lane !== undefined && lane.pausedUntil > this.now();
  }

  private laneOf(destination: string): Lane {
    let lane = this.lanes.get(destination);
    if (!lane) {
      lane = { running: 0, waiting: [], failures: 0, pausedUntil: 0, pauseMs: this.pauseMs };
      this.lanes.set(destination, lane);
    }
    return lane;
  }

  private refuseIfPaused(destination: string, lane: Lane, holdingTurn = false): void {
    if (lane.pausedUntil <= this.now()) return;
    // A waiter woken into a paused lane passes its turn on, so the whole queue drains at once.
    if (holdingTurn) lane.waiting.shift()?.();
    throw new DeliveryError(destination, 'paused', `${destination}: paused after repeated failures, retry in ${lane.pausedUntil - this.now()} ms`);
  }

  private recordFailure(lane: Lane): void {
    lane.failures += 1;
    if (lane.failures < this.failuresToPause) return;
    lane.pausedUntil = this.now() + lane.pauseMs;
    lane.pauseMs = Math.min(lane.pauseMs * 2, this.maxPauseMs);
    // Everyone waiting for this lane learns it is paused now rather than after their turn.
    for (const wake of lane.waiting.splice(0)) wake();
  }
}
