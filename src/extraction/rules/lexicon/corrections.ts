import type { CueSpec } from '../engine/cue.js';
import { cueList } from '../engine/cue-file.js';

/** Explicit error markers (language/corrections.yaml): a word of this message taken back. */
export const CORRECTION_MARKERS: readonly CueSpec[] = cueList('corrections', 'correction_markers');

/** Markers that take back an earlier answer (language/corrections.yaml). */
export const EARLIER_ANSWER_CORRECTIONS: readonly CueSpec[] = cueList('corrections', 'earlier_answer_corrections');
