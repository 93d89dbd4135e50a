import type { ScoringInput } from '../scoring/scorer.js';
import type { Contradiction } from '../qualification/types.js';
import type { LeadRecord } from '../storage/index.js';

/**
 * The scorer's input as it was, rebuilt from a stored lead: its facts and knockouts are stored as such; which
 * dimensions were contradictory or still unclear is read back from the decision's reasons. A lead whose decision
 * rests on a disputed knockout (the two extractors' readings, not stored) cannot be rebuilt: undefined.
 */
export function storedScoringInput(lead: LeadRecord): ScoringInput | undefined {
  const decision = lead.decision;
  if (!decision) return undefined;
  if (decision.reasons.some((reason) => reason.rule === 'ambiguous:disputed-knockout')) return undefined;
  const contradictions: Record<string, Contradiction> = {};
  const unclear: string[] = [];
  for (const reason of decision.reasons) {
    if (!reason.dimension) continue;
    if (reason.rule === `${reason.dimension}:contradictory`) {
      contradictions[reason.dimension] = { dimension: reason.dimension, values: [], evidence: reason.evidence ? [reason.evidence] : [] };
    } else if (reason.rule === `${reason.dimension}:unknown` && reason.detail.startsWith('still unclear')) {
      unclear.push(reason.dimension);
    }
  }
  return { facts: lead.facts, knockouts: lead.knockouts, contradictions, unclear, complete: decision.complete };
}
