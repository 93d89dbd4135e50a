import type { Playbook } from '../../../playbook/schema.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import type { Reading } from '../engine/reading.js';
import { KNOCKOUT_CUES } from '../lexicon/knockouts.js';

/** A knockout found in the message: the playbook knockout id and where it was said. */
export interface KnockoutMatch {
  id: string;
  start: number;
  end: number;
  /** A soft signal ("do you have 15 min?", "partner with you"): void when the visitor states a need of their own. */
  soft: boolean;
}

/**
 * Knockouts: the built-in signals (student, job_seeker, vendor, no_need) for the playbook knockouts
 * that use them, plus each knockout's own `patterns`. below_icp_size comes from the company reader.
 */
export class KnockoutReader {
  private readonly cues: Cue[];

  constructor(playbook: Playbook, patternCues: readonly Cue[]) {
    const bySignal = new Map<string, string>();
    for (const knockout of playbook.knockouts) if (knockout.signal) bySignal.set(knockout.signal, knockout.id);
    const builtIn = compileCues(KNOCKOUT_CUES)
      .filter((cue) => bySignal.has(cue.level))
      .map((cue) => ({ ...cue, level: bySignal.get(cue.level) as string }));
    this.cues = [...builtIn, ...patternCues];
  }

  /** The first match per knockout, a firm one rather than a soft one. */
  read(reading: Reading): KnockoutMatch[] {
    const first = new Map<string, CueMatch>();
    for (const match of matchCues(this.cues, reading)) {
      const known = first.get(match.level);
      if (!known || (known.tag === 'soft' && match.tag !== 'soft')) first.set(match.level, match);
    }
    return [...first.values()].map((match) => ({ id: match.level, start: match.start, end: match.end, soft: match.tag === 'soft' }));
  }
}
