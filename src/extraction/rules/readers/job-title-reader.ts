import { compileCues } from '../engine/cue.js';
import { matchCues } from '../engine/match-cues.js';
import type { Reading } from '../engine/reading.js';
import { JOB_TITLE_CUES } from '../lexicon/authority.js';

// A title pattern may run a word or two long ("responsable marketing chez"): those link words are not the title.
const TRAILING_LINK_WORDS = /(?:\s+(?:chez|dans|pour|et|mais|at|in|for|and|but|with|avec|ici|here))+\s*$/;

/**
 * The visitor's job title in their own words ("directeur commercial" in "je suis directeur commercial et je
 * décide"), kept apart from what it means for authority: the authority fact may rest on other words.
 * The first title the visitor gives about themselves; undefined when there is none.
 */
export function readJobTitle(reading: Pick<Reading, 'original' | 'folded' | 'segments' | 'words'>): string | undefined {
  const [first] = matchCues(compileCues(JOB_TITLE_CUES), reading).sort((a, b) => a.start - b.start);
  if (!first) return undefined;
  const words = reading.original.slice(first.start, first.end).replace(TRAILING_LINK_WORDS, '').trim();
  return words || undefined;
}
