import { AuthorityReader } from '../extraction/rules/readers/authority-reader.js';
import type { DimensionKind } from './kind.js';

/** Authority: the visitor's part in the purchase decision. */
export const authorityKind: DimensionKind = {
  id: 'authority',
  levels: ['decision_maker', 'influencer', 'no_role'],
  rulesReader: (_dimension, _playbook, extra) => {
    const reader = new AuthorityReader(extra);
    return { read: (reading) => ({ findings: reader.read(reading) }) };
  },
  llmFields: {},
};
