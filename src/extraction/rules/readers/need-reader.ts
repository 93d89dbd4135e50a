import { compileCues, type Cue } from '../engine/cue.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import { clauseOf, sentenceOf, type Finding, type Reading } from '../engine/reading.js';
import { NEED_CUES, NEED_HEDGES } from '../lexicon/need.js';

/**
 * Need / challenge. A clear problem said with a hedge ("improve our maintenance eventually") or next to
 * curiosity in the same sentence is vague interest; a clear problem anywhere else wins over curiosity.
 * Research asked by someone else ("my boss asked me to look into it: …") is curiosity only when no
 * problem is stated: it never downgrades one.
 */
export class NeedReader {
  private readonly cues: Cue[];
  private readonly hedges = compileCues(NEED_HEDGES);

  constructor(extra: readonly Cue[] = []) {
    this.cues = [...compileCues(NEED_CUES), ...extra];
  }

  /** `asked`: a topic word alone ("maintenance") is a hint worth keeping only as an answer to the question. */
  read(reading: Reading, asked: boolean): Finding[] {
    const matches = matchCues(this.cues, reading);
    const hedges = matchCues(this.hedges, reading);
    const vague = matches.filter((match) => match.level === 'vague_interest');
    const clear: CueMatch[] = [];
    const downgraded: CueMatch[] = [];
    for (const match of matches.filter((m) => m.level === 'clear_problem')) {
      const sentence = sentenceOf(reading, match.start);
      const clause = clauseOf(reading, match.start);
      const hedged = hedges.some((hedge) => (hedge.tag === 'clause' ? within(hedge, clause) : within(hedge, sentence)));
      const curious = vague.some((other) => other.tag !== 'delegated' && within(other, clause));
      if (hedged || curious) downgraded.push(match);
      else clear.push(match);
    }
    const strongClear = clear.find((match) => !match.weak);
    if (strongClear) return [finding('clear_problem', strongClear)];
    const firstVague = vague[0] ?? downgraded[0];
    if (firstVague) return [finding('vague_interest', firstVague, false)];
    if (clear[0] && asked) return [finding('clear_problem', clear[0])];
    // "No particular problem", "all good": an answer to the challenge question, not what "not really an issue" means elsewhere.
    const other = asked ? matches.find((match) => match.level !== 'clear_problem' && match.level !== 'vague_interest') : undefined;
    return other ? [finding(other.level, other)] : [];
  }
}

function within(match: CueMatch, span: { start: number; end: number }): boolean {
  return match.start >= span.start && match.start < span.end;
}

function finding(level: string, match: CueMatch, weak = match.weak): Finding {
  return { level, start: match.start, end: match.end, weak };
}
