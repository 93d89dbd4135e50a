import type { CueSpec } from '../engine/cue.js';
import { cueList, term } from '../engine/cue-file.js';

/**
 * Budget / money (language/budget.yaml). Levels: allocated, possible, none; tags `explicit`, `message`,
 * `contextual`, `pronoun` say where a phrase counts (see the file's `about`). Amounts are read by the amount reader.
 */
export const BUDGET_CUES: readonly CueSpec[] = cueList('budget', 'budget_cues');

/** Corrections between two amounts: the later one is what the visitor means ("2 000 €… pardon, 20 000 €"). */
export const AMOUNT_CORRECTION = new RegExp(term('budget', 'amount_correction'));
