import { isDeepStrictEqual } from 'node:util';
import type { Dimension, Playbook } from '../playbook/schema.js';

/**
 * How a candidate playbook differs from the one a lead was scored with, which decides how a what-if is run:
 * `scoring-only` when only points, weights, thresholds, ambiguity rules or removed knockouts/dimensions differ
 * (the stored facts are re-scored as they are: exact), `re-extract` when anything the extractor or the dialog
 * reads changed (questions, vocabulary, levels, knockout phrases): the visitor's own messages are read again.
 */
export interface PlaybookDiff {
  mode: 'identical' | 'scoring-only' | 're-extract';
  /** One line per change, for the report ("thresholds.handoff 70 → 80"). */
  changes: string[];
  /** Dimensions the candidate asks with a new or different question: answers to the old question cannot stand for it. */
  newQuestions: string[];
}

export function diffPlaybooks(baseline: Playbook, candidate: Playbook): PlaybookDiff {
  const scoring: string[] = [];
  const reading: string[] = [];
  const newQuestions: string[] = [];
  for (const key of ['handoff', 'warm'] as const) {
    if (baseline.thresholds[key] !== candidate.thresholds[key]) scoring.push(`thresholds.${key} ${baseline.thresholds[key]} → ${candidate.thresholds[key]}`);
  }
  if (!isDeepStrictEqual(baseline.ambiguity, candidate.ambiguity)) scoring.push('ambiguity rules');
  for (const dimension of candidate.dimensions) {
    const before = baseline.dimensions.find((item) => item.id === dimension.id);
    if (!before) {
      reading.push(`dimension ${dimension.id} added`);
      newQuestions.push(dimension.id);
      continue;
    }
    if (before.weight !== dimension.weight) scoring.push(`${dimension.id}.weight ${before.weight} → ${dimension.weight}`);
    for (const level of dimension.levels) {
      const old = before.levels.find((item) => item.id === level.id);
      if (old && old.points !== level.points) scoring.push(`${dimension.id}.${level.id} ${old.points} → ${level.points} points`);
    }
    if (!isDeepStrictEqual(before.question, dimension.question)) {
      reading.push(`${dimension.id}.question changed`);
      newQuestions.push(dimension.id);
    }
    if (!isDeepStrictEqual(readPart(before), readPart(dimension))) reading.push(`${dimension.id}: levels, clarification or quick replies changed`);
  }
  for (const dimension of baseline.dimensions) {
    if (!candidate.dimensions.some((item) => item.id === dimension.id)) scoring.push(`dimension ${dimension.id} removed`);
  }
  for (const knockout of candidate.knockouts) {
    const before = baseline.knockouts.find((item) => item.id === knockout.id);
    if (!before) reading.push(`knockout ${knockout.id} added`);
    else if (!isDeepStrictEqual(detection(before), detection(knockout))) reading.push(`knockout ${knockout.id}: phrases or patterns changed`);
  }
  for (const knockout of baseline.knockouts) {
    if (!candidate.knockouts.some((item) => item.id === knockout.id)) scoring.push(`knockout ${knockout.id} removed`);
  }
  if (!isDeepStrictEqual(baseline.vocabulary, candidate.vocabulary)) reading.push('vocabulary changed');
  if (!isDeepStrictEqual(baseline.icp, candidate.icp) || baseline.currency !== candidate.currency || !isDeepStrictEqual(baseline.currencyRates, candidate.currencyRates)) {
    reading.push('ICP or currency changed');
  }
  const changes = [...scoring, ...reading];
  return { mode: reading.length ? 're-extract' : scoring.length ? 'scoring-only' : 'identical', changes, newQuestions };
}

/** What a dimension's reading depends on, without the points (levels keep their ids, bounds and descriptions). */
function readPart(dimension: Dimension): unknown {
  const { weight: _weight, question: _question, levels, description: _description, ...rest } = dimension;
  return { ...rest, levels: levels.map(({ points: _points, description: _text, ...level }) => level) };
}

function detection(knockout: Playbook['knockouts'][number]): unknown {
  return { signal: knockout.signal, phrases: knockout.phrases, patterns: knockout.patterns };
}
