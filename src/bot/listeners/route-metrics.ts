import type { Metrics } from '../../observability/metrics.js';
import type { Decision } from '../../qualification/types.js';
import type { LeadState } from '../../qualification/lead-state.js';
import type { DecisionListener } from '../bot-ports.js';

/** Counts decided leads by route and handoff reason. */
export class RouteMetricsListener implements DecisionListener {
  constructor(private readonly metrics: Metrics) {}

  async onDecision(_lead: LeadState, decision: Decision): Promise<void> {
    this.metrics.routes.inc({ route: decision.route, reason: decision.handoffReason ?? (decision.route === 'nurture' ? decision.tier : 'none') });
  }
}
