import { carriesNegation, isDeniedRightBefore, isNegated } from '../text/negation.js';
import { spanAt, type Segments } from '../text/segments.js';
import { allMatches } from './all-matches.js';
import type { Cue } from './cue.js';
import { literalScan } from './literal-prefilter.js';
import type { WordIndex } from './phrases.js';

/** A message as the cues read it (a Reading is one): folded, cut in clauses, with the playbook's words found. */
export interface MatchText {
  folded: string;
  segments: Segments;
  /** `folded` with the playbook's vocabulary marked (vocabulary.ts), for the cues that name a slot. */
  marked?: string;
  /** The words of `folded`, for the cues made of a playbook's phrases (phrases.ts). */
  words?: WordIndex;
}

/** Where one cue matched in the folded message. */
export interface CueMatch {
  level: string;
  weak: boolean;
  tag?: string;
  start: number;
  end: number;
  /** Found by a playbook's phrase (phrases.ts) rather than a regular expression. */
  phrase?: boolean;
}

/**
 * Finds every cue in the folded text, drops negated ones ("je ne suis pas le décideur") and those `accept`
 * refuses, then keeps the longest of overlapping matches, so "c'est pas moi qui décide" beats the
 * "moi qui décide" inside it. Cues that name a vocabulary slot are matched on `marked` (the folded text with
 * the playbook's words marked, same length: vocabulary.ts) when some vocabulary was said; cues made of a
 * playbook's phrases are found among the message's words.
 */
export function matchCues(cues: readonly Cue[], text: MatchText, accept?: (match: CueMatch) => boolean): CueMatch[] {
  const { folded, segments, marked, words } = text;
  const found: CueMatch[] = [];
  const scan = literalScan(folded);
  const markedScan = marked === undefined ? scan : literalScan(marked);
  const keep = (cue: Cue, start: number, end: number, matched: string) => {
    if (end === start) return;
    if (!cue.ignoreNegation && !carriesNegation(matched)) {
      const clause = spanAt(segments.clauses, start) ?? { start: 0, end: folded.length };
      if (cue.negation === 'near' ? isDeniedRightBefore(folded, clause, start, end) : isNegated(folded, clause, start, end)) return;
    }
    const hit: CueMatch = { level: cue.level, weak: cue.weak, tag: cue.tag, start, end };
    if (cue.phrases) hit.phrase = true;
    if (!accept || accept(hit)) found.push(hit);
  };
  for (const cue of cues) {
    if (cue.phrases) {
      if (words) for (const hit of cue.phrases.find(words)) keep(cue, hit.start, hit.end, folded.slice(hit.start, hit.end));
      continue;
    }
    const onMarked = cue.slotted === true && marked !== undefined;
    const searched = onMarked ? (marked as string) : folded;
    // Most phrases cannot occur in a given message: the message's literal scan spares running their regex.
    if (!(onMarked ? markedScan : scan).mayMatch(cue.gate)) continue;
    cue.regex.lastIndex = 0;
    for (const match of allMatches(cue.regex, searched)) keep(cue, match.index, match.index + match[0].length, match[0]);
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
