import type { CueSpec } from '../engine/cue.js';
import { cueList, term } from '../engine/cue-file.js';

/** Need / challenge (language/need.yaml): how a problem or a need is stated, the company's words as slots. */
export const NEED_CUES: readonly CueSpec[] = cueList('need', 'cues');

/** Hedges that turn a stated need into vague interest, read in the same sentence (language/need.yaml). */
export const NEED_HEDGES: readonly CueSpec[] = cueList('need', 'hedges');

/** A need said to be met ("already", "plenty"): not a problem of theirs (language/need.yaml). */
export const NEED_SATISFIED = new RegExp(`\\b${term('need', 'satisfied')}\\b`);
