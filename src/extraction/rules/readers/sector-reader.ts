import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import { longestFirst, type CueMatch } from '../engine/match-cues.js';
import { clauseOf, type Reading } from '../engine/reading.js';
import { SECTOR_LEAD, SECTOR_PATTERNS } from '../lexicon/company.js';
import type { Span } from '../text/segments.js';

/** A sector, verbatim from the visitor ("Éditeur de logiciel"), and where it was said. */
export interface SectorMatch extends Span {
  text: string;
}

const SECTOR_RES = SECTOR_PATTERNS.map((source) => new PrefilteredRegExp(new RegExp(`(?<![a-z0-9-])(?:${source})(?![a-z0-9])`, 'g')));

/**
 * The sector: a known phrase, or in an answer "Secteur, 40 salariés" the words beside the count.
 * `headcount` is where the count was said, so "40-person" is never part of the sector.
 */
export function readSector(reading: Reading, asked: boolean, headcount?: Span): SectorMatch | undefined {
  const { folded, original } = reading;
  const matches: CueMatch[] = [];
  for (const sector of SECTOR_RES) {
    sector.regex.lastIndex = 0;
    for (const match of sector.matchAll(folded)) {
      const start = match.index ?? 0;
      matches.push({ level: 'sector', weak: false, start, end: start + match[0].length });
    }
  }
  const outsideCount = longestFirst(matches.filter((match) => !headcount || match.end <= headcount.start || match.start >= headcount.end));
  const known = outsideCount[0];
  if (asked && headcount) {
    const clause = clauseOf(reading, Math.max(0, folded.search(/\S/)));
    if (clause.end <= headcount.start) return trimmedSector(original, clause.start, clause.end);
  }
  if (known) return trimmedSector(original, known.start, known.end);
  if (asked) {
    const clause = clauseOf(reading, Math.max(0, folded.search(/\S/)));
    const words = folded.slice(clause.start, clause.end).split(/\s+/).length;
    if (words <= 8 && !/\b(?:je|j'|i|we|on|nous|me|myself|moi|us)\b|\d/.test(folded.slice(clause.start, clause.end))) return trimmedSector(original, clause.start, clause.end);
  }
  return undefined;
}

function trimmedSector(original: string, start: number, end: number): SectorMatch | undefined {
  const raw = original.slice(start, end);
  const lead = SECTOR_LEAD.exec(raw)?.[0].length ?? 0;
  const text = raw
    .slice(lead)
    .replace(/[\s,.;:!?-]+$/, '')
    .replace(/\s+(?:de|d'|du|des|pour|les|la|le|l'|et|and|of|with|the|a|an|en|in|for)$/i, '')
    .trim();
  if (text.length < 2 || text.split(/\s+/).length > 10 || /^\d/.test(text)) return undefined;
  return { start, end, text };
}
