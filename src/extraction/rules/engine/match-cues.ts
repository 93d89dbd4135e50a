import { carriesNegation, isNegated } from '../text/negation.js';
import { spanAt, type Segments } from '../text/segments.js';
import { allMatches } from './all-matches.js';
import type { Cue } from './cue.js';
import { literalScan } from './literal-prefilter.js';

/** Where one cue matched in the folded message. */
export interface CueMatch {
  level: string;
  weak: boolean;
  tag?: string;
  start: number;
  end: number;
}

/**
 * Finds every cue in the folded text, drops negated ones ("je ne suis pas le décideur") and those `accept`
 * refuses, then keeps the longest of overlapping matches, so "c'est pas moi qui décide" beats the
 * "moi qui décide" inside it. Cues that name a vocabulary slot are matched on `marked` (the folded text with
 * the playbook's words marked, same length: vocabulary.ts) when some vocabulary was said.
 */
export function matchCues(cues: readonly Cue[], folded: string, segments: Segments, accept?: (match: CueMatch) => boolean, marked?: string): CueMatch[] {
  const found: CueMatch[] = [];
  const scan = literalScan(folded);
  const markedScan = marked === undefined ? scan : literalScan(marked);
  for (const cue of cues) {
    const onMarked = cue.slotted === true && marked !== undefined;
    const text = onMarked ? (marked as string) : folded;
    // Most phrases cannot occur in a given message: the message's literal scan spares running their regex.
    if (!(onMarked ? markedScan : scan).mayMatch(cue.gate)) continue;
    cue.regex.lastIndex = 0;
    for (const match of allMatches(cue.regex, text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start) continue;
      if (!cue.ignoreNegation && !carriesNegation(match[0])) {
        const clause = spanAt(segments.clauses, start) ?? { start: 0, end: folded.length };
        if (isNegated(folded, clause, start, end)) continue;
      }
      const hit = { level: cue.level, weak: cue.weak, tag: cue.tag, start, end };
      if (!accept || accept(hit)) found.push(hit);
    }
  }
  return longestFirst(found);
}

/** Keeps non-overlapping matches, preferring longer ones (more specific phrases), in text order. */
export function longestFirst(matches: readonly CueMatch[]): CueMatch[] {
  const byLength = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: CueMatch[] = [];
  for (const match of byLength) {
    if (kept.some((other) => other.start < match.end && match.start < other.end)) continue;
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}
