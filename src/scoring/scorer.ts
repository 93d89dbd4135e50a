import { kindOf } from '../dimensions/index.js';
import { enrichmentKnockouts, enrichmentReasons } from '../enrichment/enrichment-rules.js';
import { findLevel, maxPoints } from '../playbook/queries.js';
import type { Dimension, Playbook } from '../playbook/schema.js';
import type { Decision, Fact, FactSheet, KnockoutHit, ScoreReason, Tier } from '../qualification/types.js';

/**
 * The only judge of a lead: a pure function of the playbook and the facts, no I/O,
 * so old conversations can be re-scored when the playbook changes.
 */
export interface ScoringInput extends FactSheet {
  /** True when every dimension was asked; a visitor who left early is never "ambiguous". */
  complete: boolean;
}

interface DimensionScore {
  points: number;
  reason: ScoreReason;
}

export function decide(playbook: Playbook, input: ScoringInput): Decision {
  const knockouts = activeKnockouts(playbook, input);
  const scored = playbook.dimensions.map((dimension) => scoreDimension(playbook, dimension, input));
  const score = scored.reduce((sum, item) => sum + item.points, 0);
  const reasons = [...scored.map((item) => item.reason), ...enrichmentReasons(playbook, input)];

  if (knockouts.length > 0) {
    for (const hit of knockouts) {
      reasons.push({ rule: `knockout:${hit.id}`, points: 0, detail: knockoutDescription(playbook, hit.id), evidence: hit.evidence });
    }
    return { route: 'disqualify', score, tier: 'disqualified', reasons, knockouts, complete: input.complete };
  }
  const tier = tierFor(playbook, score);
  // A knockout the rules and the model disagree on: however high the score, a person checks it first.
  const disputes = input.complete ? disputedKnockoutReasons(playbook, input) : [];
  if (disputes.length > 0) {
    reasons.push(...disputes);
    return { route: 'handoff', handoffReason: 'ambiguous', score, tier, reasons, knockouts, complete: input.complete };
  }
  if (score >= playbook.thresholds.handoff) {
    return { route: 'handoff', handoffReason: 'high_score', score, tier, reasons, knockouts, complete: input.complete };
  }
  const ambiguity = input.complete ? ambiguityReasons(playbook, input, score) : [];
  if (ambiguity.length > 0) {
    reasons.push(...ambiguity);
    return { route: 'handoff', handoffReason: 'ambiguous', score, tier, reasons, knockouts, complete: input.complete };
  }
  return { route: 'nurture', score, tier, reasons, knockouts, complete: input.complete };
}

export function tierFor(playbook: Playbook, score: number): Tier {
  if (score >= playbook.thresholds.handoff) return 'hot';
  return score >= playbook.thresholds.warm ? 'warm' : 'cold';
}

/** The level a fact scores at: amounts, months and headcounts are re-read against the playbook's own bounds (by kind). */
export function effectiveLevel(playbook: Playbook, dimension: Dimension, fact: Fact): { levelId: string; why?: string } {
  return kindOf(dimension).effectiveLevel?.(playbook, dimension, fact) ?? { levelId: fact.value };
}

function scoreDimension(playbook: Playbook, dimension: Dimension, input: ScoringInput): DimensionScore {
  const fact = input.facts[dimension.id];
  const contradiction = input.contradictions[dimension.id];
  if (contradiction) {
    return {
      points: 0,
      reason: {
        rule: `${dimension.id}:contradictory`,
        dimension: dimension.id,
        points: 0,
        detail: contradiction.readings
          ? `the rules and the model read it differently (${contradiction.readings.map((reading) => `${sourceName(reading.source)}: ${reading.value}${reading.evidence ? ` «${reading.evidence}»` : ''}`).join('; ')}): not counted until a person confirms`
          : `contradictory answers (${contradiction.values.join(' vs ')}): not counted until a person confirms`,
        evidence: contradiction.evidence.join(' … '),
      },
    };
  }
  if (!fact) {
    const unclear = input.unclear.includes(dimension.id);
    return {
      points: 0,
      reason: { rule: `${dimension.id}:unknown`, dimension: dimension.id, points: 0, detail: unclear ? 'still unclear after one clarification' : 'not answered' },
    };
  }
  const { levelId, why } = effectiveLevel(playbook, dimension, fact);
  const level = findLevel(dimension, levelId);
  const points = Math.min(level?.points ?? 0, dimension.weight);
  const detail = [level?.description ?? `unknown level ${levelId}`, why].filter(Boolean).join(' — ');
  return { points, reason: { rule: `${dimension.id}:${levelId}`, dimension: dimension.id, points, detail, evidence: fact.evidence } };
}

function activeKnockouts(playbook: Playbook, input: ScoringInput): KnockoutHit[] {
  const known = new Set(playbook.knockouts.map((knockout) => knockout.id));
  const hits = input.knockouts.filter((hit) => known.has(hit.id));
  for (const hit of enrichmentKnockouts(playbook, input)) if (!hits.some((other) => other.id === hit.id)) hits.push(hit);
  const sizeKnockout = playbook.knockouts.find((knockout) => knockout.signal === 'below_icp_size');
  if (sizeKnockout && !hits.some((hit) => hit.id === sizeKnockout.id)) {
    // A company fact whose headcount is below the ICP (src/dimensions/company.ts) is the size knockout.
    for (const dimension of playbook.dimensions) {
      const fact = input.facts[dimension.id];
      // Read two ways (the rules 2 employees, the model 600): a person decides, no silent disqualification.
      if (input.contradictions[dimension.id]) continue;
      // A looked-up size is no one's words: it disqualifies only when the playbook says so.
      if (fact?.source === 'enrichment' && !playbook.enrichment.sizeKnockout) continue;
      if (fact && effectiveLevel(playbook, dimension, fact).levelId === kindOf(dimension).knockoutLevel) {
        hits.push({ id: sizeKnockout.id, evidence: fact.evidence, turn: fact.turn, source: fact.source });
      }
    }
  }
  return hits;
}

function ambiguityReasons(playbook: Playbook, input: ScoringInput, score: number): ScoreReason[] {
  const reasons: ScoreReason[] = [];
  if (playbook.ambiguity.contradictions) {
    for (const contradiction of Object.values(input.contradictions)) {
      reasons.push({
        rule: 'ambiguous:contradiction',
        dimension: contradiction.dimension,
        points: 0,
        detail: `the visitor gave contradictory answers on ${contradiction.dimension}`,
        evidence: contradiction.evidence.join(' … '),
      });
    }
  }
  if (playbook.ambiguity.unclearCouldReachThreshold) {
    // Every unclear answer could turn out at its best at once: two unclear dimensions of 25 can lift 35 to 85.
    const unclear = input.unclear.flatMap((dimensionId) => {
      const dimension = playbook.dimensions.find((d) => d.id === dimensionId);
      return dimension && !input.facts[dimensionId] && !input.contradictions[dimensionId] ? [dimension] : [];
    });
    const potential = unclear.reduce((sum, dimension) => sum + maxPoints(dimension), score);
    if (unclear.length > 0 && potential >= playbook.thresholds.handoff) {
      const together = unclear.length > 1 ? `with ${unclear.map((d) => d.id).join(' and ')} at their maximum` : 'at its maximum';
      for (const dimension of unclear) {
        reasons.push({
          rule: 'ambiguous:unclear-could-qualify',
          dimension: dimension.id,
          points: 0,
          detail: `${dimension.id} is still unclear; ${together} the score would be ${potential} (≥ ${playbook.thresholds.handoff})`,
        });
      }
    }
  }
  return reasons;
}

/**
 * A knockout only one of the rules and the model saw, or a number they read on either side of one (a headcount under
 * the ICP for one, not for the other): a person decides, with both readings (merge-extractions.ts).
 */
function disputedKnockoutReasons(playbook: Playbook, input: ScoringInput): ScoreReason[] {
  const sizeKnockout = playbook.knockouts.some((knockout) => knockout.signal === 'below_icp_size');
  const numbers = Object.values(input.contradictions).flatMap((contradiction): ScoreReason[] => {
    const dimension = playbook.dimensions.find((d) => d.id === contradiction.dimension);
    const knockoutLevel = dimension ? kindOf(dimension).knockoutLevel : undefined;
    if (!sizeKnockout || !knockoutLevel || !contradiction.readings?.some((reading) => reading.value === knockoutLevel)) return [];
    return [
      {
        rule: 'ambiguous:disputed-knockout',
        dimension: contradiction.dimension,
        points: 0,
        detail: `the rules and the model read ${contradiction.dimension} on either side of a knockout (${contradiction.readings.map((reading) => `${sourceName(reading.source)}: ${reading.value}`).join('; ')})`,
        evidence: contradiction.evidence.join(' … '),
      },
    ];
  });
  return [...numbers, ...(input.disputedKnockouts ?? []).map((dispute) => {
    const seen = dispute.readings.find((reading) => reading.value === 'seen');
    const silent = dispute.readings.find((reading) => reading.value !== 'seen');
    return {
      rule: 'ambiguous:disputed-knockout',
      points: 0,
      detail: `${knockoutDescription(playbook, dispute.id)}: the ${sourceName(seen?.source)} read it, the ${sourceName(silent?.source)} did not`,
      evidence: seen?.evidence,
    };
  })];
}

function sourceName(source: string | undefined): string {
  if (source === 'llm') return 'model';
  if (source === 'rules') return 'rules';
  return source === 'merged' ? 'both' : 'other extractor';
}

function knockoutDescription(playbook: Playbook, id: string): string {
  return playbook.knockouts.find((knockout) => knockout.id === id)?.description ?? id;
}


