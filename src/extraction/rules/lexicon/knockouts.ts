import type { CueSpec } from '../engine/cue.js';
import { cueList } from '../engine/cue-file.js';

/**
 * Built-in knockout signals (language/knockouts.yaml): student, job_seeker, vendor (some `soft`), no_need.
 * Each phrase must be about the visitor; below_icp_size comes from the company reader.
 */
export const KNOCKOUT_CUES: readonly CueSpec[] = cueList('knockouts', 'knockout_cues');
