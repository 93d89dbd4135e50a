import { matchCues } from '../engine/match-cues.js';
import type { Cue } from '../engine/cue.js';
import type { Finding, Reading } from '../engine/reading.js';

/** A `custom` dimension is read from its levels' patterns only; the longest phrase wins. */
export class CustomReader {
  constructor(private readonly cues: readonly Cue[]) {}

  read(reading: Reading): Finding[] {
    const matches = matchCues(this.cues, reading);
    const best = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    return best ? [{ level: best.level, start: best.start, end: best.end }] : [];
  }
}
