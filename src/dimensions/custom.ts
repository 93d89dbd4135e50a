import { CustomReader } from '../extraction/rules/readers/custom-reader.js';
import type { DimensionKind } from './kind.js';

/** A dimension of the playbook's own (MEDDICC's competition, GPCT's plans…): read from its levels' phrases and patterns. */
export const customKind: DimensionKind = {
  id: 'custom',
  rulesReader: (dimension, _playbook, extra) => {
    const reader = new CustomReader(dimension, extra);
    return { read: (reading, asked) => ({ findings: reader.read(reading, asked) }) };
  },
  llmFields: {},
};
