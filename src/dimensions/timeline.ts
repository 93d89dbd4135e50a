import { z } from 'zod';
import { TimelineReader } from '../extraction/rules/readers/timeline-reader.js';
import { timelineLevelFor } from '../playbook/queries.js';
import type { DimensionKind } from './kind.js';

/** Timeline / prioritization: months from now, scored in the playbook's `maxMonths` bands. */
export const timelineKind: DimensionKind = {
  id: 'timeline',
  levels: ['within_3_months', '3_to_6_months', 'later'],
  validate: (dimension) => (dimension.levels.every((level) => level.maxMonths === undefined) ? [[['levels'], 'timeline levels need maxMonths bands']] : []),
  rulesReader: (dimension, _playbook, extra) => {
    const reader = new TimelineReader(dimension, extra);
    return { read: (reading, asked) => ({ findings: reader.read(reading, asked) }) };
  },
  llmFields: { months: z.number().nullish() },
  llmDetails: (raw, fact) => {
    if (typeof raw.months === 'number' && Number.isFinite(raw.months) && raw.months >= 0) fact.months = raw.months;
  },
  // "ASAP" → the band of its months; "plus tard" (no months) → the open band.
  shortAnswerLevel: (dimension, answer) => {
    const level = timelineLevelFor(dimension, answer.months ?? Number.POSITIVE_INFINITY);
    return level ? { level: level.id, months: answer.months } : undefined;
  },
  effectiveLevel: (_playbook, dimension, fact) => {
    if (fact.months === undefined) return undefined;
    const level = timelineLevelFor(dimension, fact.months);
    return level ? { levelId: level.id, why: `start in about ${fact.months} month(s)` } : undefined;
  },
};
