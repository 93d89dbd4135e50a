import type { Dimension, Playbook } from '../../../playbook/schema.js';
import { phraseCue, type Cue } from './cue.js';
import { literalGate } from './literal-prefilter.js';

type Patterns = { fr: string[]; en: string[] } | undefined;

/**
 * What a playbook says about its own levels and knockouts: `phrases` (words and short phrases, read by stems:
 * phrases.ts) and `patterns` (regular expressions, for what phrases cannot say), compiled once. Accents in the
 * patterns are removed like in the folded text, so "décid" also matches "decide"; matching is case-insensitive.
 */
export function levelPatternCues(dimension: Dimension): Cue[] {
  return dimension.levels.flatMap((level) => [...phrases(level.id, level.phrases, 'clause'), ...compile(level.id, level.patterns)]);
}

/** A knockout's phrases name a topic ("my payslip"): a negated verb before them does not void them. */
export function knockoutPatternCues(playbook: Playbook): Cue[] {
  return playbook.knockouts.flatMap((knockout) => [...phrases(knockout.id, knockout.phrases, 'near'), ...compile(knockout.id, knockout.patterns)]);
}

function phrases(level: string, said: Patterns, negation: 'clause' | 'near'): Cue[] {
  const cue = said ? phraseCue(level, said, { negation }) : undefined;
  return cue ? [cue] : [];
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
