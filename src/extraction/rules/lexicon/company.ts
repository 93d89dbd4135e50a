import { z } from 'zod';
import type { CueSpec } from '../engine/cue.js';
import { cueList, table, term } from '../engine/cue-file.js';
import { expand } from '../engine/cue.js';

/**
 * Company: headcount and sector (language/company.yaml). Numbers become a headcount only next to an employee
 * word ("140 salariés", "35 ppl", "a 40-person company") or after "on est / we're / team of…"; sales-team sizes
 * ("nos 6 commerciaux") and client counts are not headcounts.
 */

/** Words after a number that make it a headcount (typos included). */
export const HEADCOUNT_UNIT = term('company', 'headcount_unit');
/** Partner/founder units: used only when no employee count is given. */
export const PARTNER_UNIT = new RegExp(term('company', 'partner_unit'));
/** "40-person", "200-employee", "a 40-strong team". */
export const HEADCOUNT_COMPOUND = term('company', 'headcount_compound');
/** Words before a bare number that make it a headcount ("on est 12", "team of 35", "effectif : 50"). */
export const HEADCOUNT_LEAD = term('company', 'headcount_lead');
export const HEADCOUNT_APPROX = term('company', 'headcount_approx');
/** "moins de 10 salariés", "fewer than 10 people": an upper bound, not a count. */
export const HEADCOUNT_BELOW = term('company', 'headcount_below');
/** Counts of something else (roles, units, the company's own words): never a headcount. Read on the marked text. */
export const NOT_HEADCOUNT_UNIT = new RegExp(expand(term('company', 'not_headcount_unit')));
/** A team of the company before the number, not the company ("une équipe RH de 3 personnes"). Read on the marked text. */
export const SUB_TEAM = new RegExp(expand(term('company', 'sub_team')));
/** A team right after the count ("two-person IT team"). */
export const TEAM_AFTER_COUNT = new RegExp(expand(term('company', 'team_after_count')));
/** A team after "we are N" ("we're 4 in marketing", "on est 3 à la paie"). */
export const TEAM_AFTER_LEAD = new RegExp(expand(term('company', 'team_after_lead')));

/** People arriving after the count ("six ingénieurs nous rejoignent"): not the company's staff. */
export const PEOPLE_ARRIVING_AFTER = new RegExp(term('company', 'people_arriving_after'));
/** People something is done for, before the count ("à quelques salariés", "to train 15"): not the company's staff. */
export const PEOPLE_SERVED_BEFORE = new RegExp(term('company', 'people_served_before'));

/** Solo and two-person businesses: a headcount, and the below-ICP-size knockout. */
export const SOLO_CUES: readonly CueSpec[] = cueList('company', 'solo_cues');

/** Separators between the people of a matched team list (the reader counts them). */
export const TEAM_LIST_SEPARATOR = new RegExp(term('company', 'team_list_separator'));

/** Teams listed person by person, said of the company ("the team is…", "l'équipe, c'est…"): counted anywhere. */
export const TEAM_LIST_CUES: readonly CueSpec[] = cueList('company', 'team_list_cues');

/** The same lists said alone ("it's me, my co-founder and a VA"): only an answer to the company question. */
export const TEAM_LIST_ANSWER_CUES: readonly CueSpec[] = cueList('company', 'team_list_answer_cues');

/** Size words said about one's own company ("on est une PME", "we're an enterprise"): a hint without a count. */
export const SIZE_CUES: readonly CueSpec[] = cueList('company', 'size_cues');

const sectorRow = z.object({ pattern: z.string().min(1) });

/** Sector phrases; the matched words (verbatim) become `sector`. */
export const SECTOR_PATTERNS: readonly string[] = table('company', 'sector_patterns', sectorRow).map((row) => row.pattern);

/** Leading words to drop from a sector taken from an answer ("On est une", "We're a", "It's a"). */
export const SECTOR_LEAD = new RegExp(term('company', 'sector_lead'), 'i');
