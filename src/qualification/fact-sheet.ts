import { kindOf } from '../dimensions/index.js';
import { effectiveLevel } from '../scoring/scorer.js';
import type { Dimension, Playbook } from '../playbook/schema.js';
import type { Contradiction, DisputedKnockout, Fact, FactSheet, KnockoutHit, Reading } from './types.js';

/** Below this confidence a fact is kept as a hint but cannot contradict another one. */
const CONTRADICTION_MIN_CONFIDENCE = 0.6;

export function emptyFactSheet(): FactSheet {
  return { facts: {}, contradictions: {}, unclear: [], knockouts: [] };
}

/** What the bot had just asked when the facts were read. */
export interface AbsorbContext {
  /** The dimension the message answered (undefined: an unprompted message). */
  askedDimension?: string;
}

/**
 * Folds newly extracted facts into the sheet. Two confident answers that score differently on the
 * same dimension — in one message or across turns — are a contradiction: a person must confirm.
 * Two exceptions:
 * - a later answer the visitor marks as a correction ("sorry, I meant 80 employees") replaces the
 *   earlier fact of its dimension: what they mean now, no contradiction;
 * - with `context`, a need read in an answer to another question that scores lower than the need already
 *   known ("just gathering info for the directors" in the authority answer) neither contradicts nor
 *   overrides it: curiosity said in passing is no denial of a problem stated before.
 */
export function absorbFacts(playbook: Playbook, sheet: FactSheet, incoming: readonly Fact[], context?: AbsorbContext): FactSheet {
  const next: FactSheet = {
    facts: { ...sheet.facts },
    contradictions: { ...sheet.contradictions },
    unclear: [...sheet.unclear],
    knockouts: [...sheet.knockouts],
    ...(sheet.disputedKnockouts ? { disputedKnockouts: [...sheet.disputedKnockouts] } : {}),
    ...(sheet.enrichment ? { enrichment: sheet.enrichment } : {}),
  };
  for (const fact of incoming) {
    const dimension = playbook.dimensions.find((d) => d.id === fact.dimension);
    if (!dimension) continue;
    const previous = next.facts[fact.dimension];
    next.unclear = next.unclear.filter((id) => id !== fact.dimension);
    if (!previous) {
      next.facts[fact.dimension] = fact;
      continue;
    }
    const before = effectiveLevel(playbook, dimension, previous).levelId;
    const after = effectiveLevel(playbook, dimension, fact).levelId;
    const pointsOf = (levelId: string) => dimension.levels.find((level) => level.id === levelId)?.points ?? 0;
    // The visitor's words win over what was looked up: no contradiction (a difference is shown on the lead card).
    if (previous.source === 'enrichment' && fact.source !== 'enrichment') {
      next.facts[fact.dimension] = fact;
      continue;
    }
    if (fact.correction && fact.turn > previous.turn) {
      next.facts[fact.dimension] = { ...fact, sector: fact.sector ?? previous.sector };
      delete next.contradictions[fact.dimension];
      continue;
    }
    const unasked = context !== undefined && fact.dimension !== context.askedDimension;
    if (unasked && kindOf(dimension).passingMentionNeverLowers && pointsOf(after) < pointsOf(before)) continue;
    const conflicting =
      before !== after &&
      pointsOf(before) !== pointsOf(after) &&
      previous.confidence >= CONTRADICTION_MIN_CONFIDENCE &&
      fact.confidence >= CONTRADICTION_MIN_CONFIDENCE &&
      dimension.weight > 0;
    if (conflicting || fact.uncertain) {
      const existing = next.contradictions[fact.dimension];
      const contradiction: Contradiction = {
        dimension: fact.dimension,
        values: unique([...(existing?.values ?? [before]), after]),
        evidence: unique([...(existing?.evidence ?? [previous.evidence]), fact.evidence]),
      };
      // The rules and the model read the same message differently: both readings go to the person who decides.
      if (fact.uncertain) {
        const readings = existing?.readings ?? (previous.uncertain ? [readingOf(playbook, dimension, previous)] : []);
        contradiction.readings = [...readings, readingOf(playbook, dimension, fact)];
      } else if (existing?.readings) {
        contradiction.readings = existing.readings;
      }
      next.contradictions[fact.dimension] = contradiction;
    }
    // The latest confident answer is what the visitor means now; a weak hint never overrides a clear answer.
    const weakOverClear = fact.confidence < CONTRADICTION_MIN_CONFIDENCE && previous.confidence >= CONTRADICTION_MIN_CONFIDENCE;
    if (!weakOverClear && (fact.confidence >= previous.confidence || fact.turn > previous.turn)) {
      next.facts[fact.dimension] = { ...mergeDetails(previous, fact) };
    }
  }
  return next;
}

export function absorbKnockouts(sheet: FactSheet, hits: readonly KnockoutHit[], disputes: readonly DisputedKnockout[] = []): FactSheet {
  const known = new Set(sheet.knockouts.map((hit) => hit.id));
  if (disputes.length === 0 && hits.every((hit) => known.has(hit.id)) && !sheet.disputedKnockouts?.some((dispute) => hits.some((hit) => hit.id === dispute.id))) return sheet;
  const firm = [...sheet.knockouts, ...hits.filter((hit) => !known.has(hit.id))];
  // A disputed knockout the other extractor confirms later (or one already firm) is a knockout; else it stays disputed.
  const disputed = new Map((sheet.disputedKnockouts ?? []).map((dispute) => [dispute.id, dispute]));
  for (const dispute of disputes) {
    const earlier = disputed.get(dispute.id);
    disputed.set(dispute.id, { id: dispute.id, readings: [...(earlier?.readings ?? []), ...dispute.readings] });
  }
  for (const [id, dispute] of disputed) {
    const seenBy = new Set(dispute.readings.filter((reading) => reading.value === 'seen').map((reading) => reading.source));
    if (firm.some((hit) => hit.id === id)) {
      disputed.delete(id);
    } else if (seenBy.has('rules') && seenBy.has('llm')) {
      const said = dispute.readings.find((reading) => reading.evidence !== undefined);
      firm.push({ id, evidence: said?.evidence ?? '', turn: 0, source: 'merged' });
      disputed.delete(id);
    }
  }
  const next: FactSheet = { ...sheet, knockouts: firm };
  if (disputed.size > 0) next.disputedKnockouts = [...disputed.values()];
  else delete next.disputedKnockouts;
  return next;
}

function readingOf(playbook: Playbook, dimension: Dimension, fact: Fact): Reading {
  return { source: fact.source, value: effectiveLevel(playbook, dimension, fact).levelId, evidence: fact.evidence };
}

export function markUnclear(sheet: FactSheet, dimensionId: string): FactSheet {
  if (sheet.unclear.includes(dimensionId) || sheet.facts[dimensionId]) return sheet;
  return { ...sheet, unclear: [...sheet.unclear, dimensionId] };
}

/** Keeps details (amount, headcount, sector) an earlier answer gave when the new one does not repeat them. */
function mergeDetails(previous: Fact, fact: Fact): Fact {
  return {
    ...fact,
    amount: fact.amount ?? (fact.value === previous.value ? previous.amount : undefined),
    headcount: fact.headcount ?? (fact.value === previous.value ? previous.headcount : undefined),
    sector: fact.sector ?? previous.sector,
    months: fact.months ?? (fact.value === previous.value ? previous.months : undefined),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
