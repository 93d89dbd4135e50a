import type { Server } from 'restify';

/**
 * The process is stopping (SIGTERM): from that instant `/readyz` fails so the load balancer stops sending
 * traffic, new conversation turns are refused with 503 (channels retry or go to another instance), and the
 * turns already running get a bounded grace period. Nothing here waits without a deadline.
 */
export class Drain {
  private draining = false;
  private running = 0;
  private readonly idleWaiters = new Set<() => void>();

  get isDraining(): boolean {
    return this.draining;
  }

  get turnsRunning(): number {
    return this.running;
  }

  start(): void {
    this.draining = true;
  }

  /** Counts a turn while it runs, so shutdown knows when the last one is done. */
  async track<T>(turn: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await turn();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.idleWaiters) wake();
    }
  }

  /** True when every running turn finished before the deadline, false when the deadline came first. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return true;
    return new Promise<boolean>((resolve) => {
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (done: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(done);
      };
      this.idleWaiters.add(wake);
    });
  }
}

/** Where conversations come in: refused while draining. SDR actions and reads keep working to the end. */
const TURN_ROUTES = [/^\/api\/messages\/?$/, /^\/api\/widget\/session\/?$/, /^\/api\/slack\/(events|interactions)\/?$/];

/** Refuses new turns with 503 and a Retry-After while the process drains. */
export function refuseTurnsWhileDraining(server: Server, drain: Drain): void {
  server.pre((req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!drain.isDraining || req.method !== 'POST' || !TURN_ROUTES.some((route) => route.test(path))) return next();
    res.setHeader('Retry-After', '5');
    res.setHeader('Connection', 'close');
    res.send(503, { error: { code: 'shutting_down', message: 'This instance is shutting down; try again in a moment.' } });
    return next(false);
  });
}

/** Resolves after `ms`, or at once when `ms` ≤ 0 (the share of a deadline that is left). */
export function remaining(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}
