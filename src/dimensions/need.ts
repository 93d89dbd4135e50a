import { NeedReader } from '../extraction/rules/readers/need-reader.js';
import type { DimensionKind } from './kind.js';

/** Need / challenge: the problem the visitor wants solved, in the company's words (its vocabulary) or in general words. */
export const needKind: DimensionKind = {
  id: 'need',
  levels: ['clear_problem', 'vague_interest', 'none'],
  rulesReader: (_dimension, _playbook, extra) => {
    const reader = new NeedReader(extra);
    return { read: (reading, asked) => ({ findings: reader.read(reading, asked) }) };
  },
  llmFields: {},
  // "Just gathering info for the directors" in the authority answer is no denial of a problem stated before.
  passingMentionNeverLowers: true,
  statesTheProblem: true,
};
