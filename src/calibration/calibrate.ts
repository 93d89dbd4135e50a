import type { Playbook } from '../playbook/schema.js';
import type { LabelledLead } from '../storage/index.js';

/** Below this many judged leads nothing is proposed: a threshold fitted to a handful of verdicts is noise. */
export const MINIMUM_VERDICTS = 30;
/** A level's acceptance rate is compared only when at least this many judged leads had it. */
const MINIMUM_PER_LEVEL = 5;
const GOOD_CRM_OUTCOMES = new Set(['meeting_held', 'opportunity_created', 'won']);

export interface ThresholdProposal {
  current: number;
  proposed: number;
  /** Judged leads on each side, with the proposed threshold: accepted leads kept or lost, rejected leads avoided or still sent. */
  acceptedKept: number;
  acceptedLost: number;
  rejectedAvoided: number;
  rejectedStillSent: number;
  /** The same four with the current threshold. */
  currentCounts: { acceptedKept: number; acceptedLost: number; rejectedAvoided: number; rejectedStillSent: number };
}

export interface LevelContradiction {
  dimension: string;
  /** The level with more points, accepted less often. */
  higher: { level: string; points: number; judged: number; acceptanceRate: number };
  lower: { level: string; points: number; judged: number; acceptanceRate: number };
}

export interface Calibration {
  verdicts: number;
  minimum: number;
  /** Set when there are too few verdicts: nothing else is proposed. */
  tooFew?: string;
  handoff?: ThresholdProposal;
  warm?: ThresholdProposal;
  levels: LevelContradiction[];
  /** Knockouts a lead was seen with, and the SDR accepted it anyway. */
  overturnedKnockouts: { knockout: string; accepted: number }[];
  /** Dimensions by how often SDRs corrected them. */
  corrections: { dimension: string; corrected: number; judged: number }[];
}

interface Sample {
  score: number;
  good: boolean;
}

/** A lead counts as good when the SDR accepted it or the CRM later saw a meeting, an opportunity or a win. */
function isGood(item: LabelledLead): boolean {
  return item.verdict.verdict === 'accepted' || item.outcomes.some((outcome) => GOOD_CRM_OUTCOMES.has(outcome.kind));
}

export function calibrate(playbook: Playbook, judged: readonly LabelledLead[]): Calibration {
  const usable = judged.filter((item) => item.lead.decision);
  const result: Calibration = { verdicts: usable.length, minimum: MINIMUM_VERDICTS, levels: [], overturnedKnockouts: [], corrections: [] };
  if (usable.length < MINIMUM_VERDICTS) {
    result.tooFew = `${usable.length} verdict(s) on leads of ${playbook.id}; at least ${MINIMUM_VERDICTS} are needed before proposing anything.`;
    return result;
  }
  const samples: Sample[] = usable.map((item) => ({ score: item.lead.decision!.score, good: isGood(item) }));
  result.handoff = bestThreshold(samples, playbook.thresholds.handoff);
  // Warm: among the leads the proposed handoff threshold would not send, which score separates the good from the rest.
  const below = samples.filter((sample) => sample.score < result.handoff!.proposed);
  if (below.length >= MINIMUM_PER_LEVEL && below.some((sample) => sample.good) && below.some((sample) => !sample.good)) {
    result.warm = bestThreshold(below, Math.min(playbook.thresholds.warm, result.handoff.proposed));
  }
  result.levels = levelContradictions(playbook, usable);
  result.overturnedKnockouts = overturned(usable);
  result.corrections = playbook.dimensions
    .map((dimension) => ({
      dimension: dimension.id,
      corrected: usable.filter((item) => item.verdict.corrections.some((correction) => correction.dimension === dimension.id)).length,
      judged: usable.length,
    }))
    .filter((entry) => entry.corrected > 0)
    .sort((a, b) => b.corrected - a.corrected);
  return result;
}

function countsAt(samples: readonly Sample[], threshold: number) {
  let acceptedKept = 0, acceptedLost = 0, rejectedAvoided = 0, rejectedStillSent = 0;
  for (const sample of samples) {
    const sent = sample.score >= threshold;
    if (sample.good) sent ? acceptedKept++ : acceptedLost++;
    else sent ? rejectedStillSent++ : rejectedAvoided++;
  }
  return { acceptedKept, acceptedLost, rejectedAvoided, rejectedStillSent };
}

/** The threshold that puts the most judged leads on their right side; among equals, the closest to the current one. */
function bestThreshold(samples: readonly Sample[], current: number): ThresholdProposal {
  const candidates = [...new Set([current, ...samples.map((sample) => sample.score), ...samples.map((sample) => sample.score + 1)])].sort((a, b) => a - b);
  let best = current;
  let bestRight = -1;
  for (const threshold of candidates) {
    const counts = countsAt(samples, threshold);
    const right = counts.acceptedKept + counts.rejectedAvoided;
    if (right > bestRight || (right === bestRight && Math.abs(threshold - current) < Math.abs(best - current))) {
      best = threshold;
      bestRight = right;
    }
  }
  return { current, proposed: best, ...countsAt(samples, best), currentCounts: countsAt(samples, current) };
}

function levelContradictions(playbook: Playbook, judged: readonly LabelledLead[]): LevelContradiction[] {
  const found: LevelContradiction[] = [];
  for (const dimension of playbook.dimensions) {
    const stats = dimension.levels
      .map((level) => {
        const withLevel = judged.filter((item) => item.lead.facts[dimension.id]?.value === level.id);
        const accepted = withLevel.filter(isGood).length;
        return { level: level.id, points: level.points, judged: withLevel.length, acceptanceRate: withLevel.length ? Math.round((accepted / withLevel.length) * 100) / 100 : 0 };
      })
      .filter((entry) => entry.judged >= MINIMUM_PER_LEVEL);
    for (const higher of stats) {
      for (const lower of stats) {
        if (higher.points > lower.points && higher.acceptanceRate < lower.acceptanceRate) found.push({ dimension: dimension.id, higher, lower });
      }
    }
  }
  return found;
}

function overturned(judged: readonly LabelledLead[]): { knockout: string; accepted: number }[] {
  const counts = new Map<string, number>();
  for (const item of judged) {
    if (!isGood(item)) continue;
    const seen = new Set(item.lead.knockouts.map((hit) => hit.id));
    for (const reason of item.lead.decision?.reasons ?? []) if (reason.rule.startsWith('knockout:')) seen.add(reason.rule.slice('knockout:'.length));
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.entries()].map(([knockout, accepted]) => ({ knockout, accepted })).sort((a, b) => b.accepted - a.accepted);
}
