import type { CueSpec } from '../engine/cue.js';
import { cueList, term } from '../engine/cue-file.js';

/**
 * Authority (language/authority.yaml): the visitor's role in the purchase. Job titles count only when they are
 * the visitor's own ("je suis le gérant", "CEO here"), never someone else's ("mon DG doit valider").
 */

/** Someone other than the visitor who approves. */
export const OTHER_APPROVER: string = term('authority', 'other_approver');

export const AUTHORITY_CUES: readonly CueSpec[] = cueList('authority', 'authority_cues');

/** The visitor's own job title, matched on the title's words alone (the self-introduction stays outside the match). */
export const JOB_TITLE_CUES: readonly CueSpec[] = cueList('authority', 'job_title_cues');
