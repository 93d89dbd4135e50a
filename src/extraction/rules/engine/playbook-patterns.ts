import type { Dimension, Playbook } from '../../../playbook/schema.js';
import type { Cue } from './cue.js';
import { literalGate } from './literal-prefilter.js';

type Patterns = { fr: string[]; en: string[] } | undefined;

/**
 * The playbook's own `patterns` (per level, per knockout), compiled once. Accents in the patterns are
 * removed like in the folded text, so "décid" also matches "decide"; matching is case-insensitive.
 */
export function levelPatternCues(dimension: Dimension): Cue[] {
  return dimension.levels.flatMap((level) => compile(level.id, level.patterns));
}

export function knockoutPatternCues(playbook: Playbook): Cue[] {
  return playbook.knockouts.flatMap((knockout) => compile(knockout.id, knockout.patterns));
}

function compile(level: string, patterns: Patterns): Cue[] {
  const sources = [...(patterns?.fr ?? []), ...(patterns?.en ?? [])].map(fold);
  if (sources.length === 0) return [];
  const regex = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'giu');
  return [{ level, weak: false, ignoreNegation: false, regex, gate: literalGate(regex) }];
}

function fold(source: string): string {
  return source.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘ʼ]/g, "'");
}
