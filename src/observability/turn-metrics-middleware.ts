import type { Middleware, TurnContext } from '../bot/turn.js';
import type { Metrics } from './metrics.js';

/** Counts turns and measures their duration, failed ones included. */
export class TurnMetricsMiddleware implements Middleware {
  constructor(private readonly metrics: Metrics) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const channel = context.activity.channelId ?? 'unknown';
    const stop = this.metrics.turnDuration.startTimer({ channel });
    let outcome = 'ok';
    try {
      await next();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      stop();
      this.metrics.turns.inc({ channel, type: context.activity.type ?? 'unknown', outcome });
    }
  }
}
