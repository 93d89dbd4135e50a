import type { Dimension } from '../../../playbook/schema.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { cueList } from '../engine/cue-file.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import { contentWords } from '../engine/phrases.js';
import type { Finding, Reading } from '../engine/reading.js';

const NOTHING = compileCues(cueList('custom', 'nothing'));
const SECOND_THOUGHTS = compileCues(cueList('custom', 'second_thoughts'));

/**
 * A `custom` dimension (a playbook's own question: MEDDICC's competition, GPCT's plans…) is read from its levels'
 * phrases and patterns in answers to its question. Elsewhere only phrases of two words or more count ("we're
 * comparing agencies" volunteered early): "moi", "Prix" or a number said about something else is no answer to it.
 * The level whose phrases cover most of the message wins; another level said after a second thought ("…, well
 * actually no, …") is returned too (the fact sheet flags the contradiction). In an answer, "nobody", "no idea",
 * "rien n'est prévu" give the dimension's lowest level when none of its phrases was said (language/custom.yaml).
 */
export class CustomReader {
  private readonly lowest?: string;

  constructor(
    dimension: Dimension,
    private readonly cues: readonly Cue[],
  ) {
    const points = Math.min(...dimension.levels.map((level) => level.points));
    this.lowest = dimension.levels.find((level) => level.points === points)?.id;
  }

  read(reading: Reading, asked: boolean): Finding[] {
    const matches = matchCues(this.cues, reading).filter((match) => asked || this.saysEnoughAlone(reading, match));
    // Per level, its longest phrase and how much of the message its phrases cover: the level said most wins
    // ("rien n'est tranché, on hésite entre recruter et passer par une agence" is still weighing options).
    const best = new Map<string, CueMatch>();
    const said = new Map<string, number>();
    for (const match of matches) {
      const known = best.get(match.level);
      if (!known || match.end - match.start > known.end - known.start) best.set(match.level, match);
      said.set(match.level, (said.get(match.level) ?? 0) + match.end - match.start);
    }
    const levels = [...best.values()].sort((a, b) => (said.get(b.level) ?? 0) - (said.get(a.level) ?? 0) || b.end - b.start - (a.end - a.start));
    const [first] = levels;
    if (first) {
      const thoughts = matchCues(SECOND_THOUGHTS, reading);
      const between = (a: CueMatch, b: CueMatch) => thoughts.some((thought) => thought.start >= Math.min(a.end, b.end) && thought.start < Math.max(a.start, b.start));
      const second = levels.find((match) => match !== first && between(first, match));
      return [first, ...(second ? [second] : [])].map((match) => ({ level: match.level, start: match.start, end: match.end }));
    }
    if (!asked || !this.lowest) return [];
    const nothing = matchCues(NOTHING, reading)[0];
    return nothing ? [{ level: this.lowest, start: nothing.start, end: nothing.end, weak: true }] : [];
  }

  /** A phrase of two words or more ("compare agencies"), never a pattern or a single word ("moi", "Prix"). */
  private saysEnoughAlone(reading: Reading, match: CueMatch): boolean {
    return match.phrase === true && contentWords(reading.folded.slice(match.start, match.end)) >= 2;
  }
}
