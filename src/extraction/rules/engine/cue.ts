import { LOCALES, type Locale } from '../../../qualification/types.js';
import { cueFile, macroSource, withMacros } from './cue-file.js';
import { literalGate, type LiteralGate } from './literal-prefilter.js';
import { PhraseMatcher } from './phrases.js';
import { NAMES_A_SLOT } from './vocabulary.js';

/**
 * A lexicon entry: phrases (regular expressions over folded text — lower case, no accents, straight
 * apostrophes) that point to one level of a dimension. Lexicons are data; the engine is generic.
 */
export interface CueSpec extends Partial<Record<Locale, readonly string[]>> {
  /** Level id (or detector-specific label) the phrases point to. */
  level: string;
  /** A hint rather than a statement: lower confidence, and a clear cue for another level wins. */
  weak?: boolean;
  /** Detector-specific label, e.g. `top-title` vs `functional-title` for authority. */
  tag?: string;
  /** Keep the match even when a negation precedes it (time phrases such as "pas avant mars"). */
  ignoreNegation?: boolean;
}

/** A compiled lexicon phrase: one regular expression over folded text. */
export interface Cue {
  level: string;
  weak: boolean;
  tag?: string;
  ignoreNegation: boolean;
  regex: RegExp;
  /** The literals a message needs for the regex to match (literal-prefilter.ts): without them it is not run. */
  gate: LiteralGate;
  /** Names a vocabulary slot ({results}…): matched on the message with the playbook's words marked (vocabulary.ts). */
  slotted?: boolean;
  /** A playbook's words and short phrases for this level (phrases.ts), found among the message's words instead of `regex`. */
  phrases?: PhraseMatcher;
  /**
   * How a negation voids the match: anywhere before it in the clause (the default: "I'm not the one who decides"), or only
   * right before it ('near': a knockout's topic, "je ne trouve pas mon bulletin de paie" still speaks of a payslip).
   */
  negation?: 'clause' | 'near';
}

// A phrase cue has no regular expression: this one never runs (matchCues asks its phrases instead).
const NEVER = /(?!)/g;

/** A cue made of a playbook's phrases ("mon bulletin de paie", "compare vendors"), for one level or knockout. */
export function phraseCue(
  level: string,
  phrases: Readonly<Partial<Record<Locale, readonly string[]>>>,
  options: { weak?: boolean; tag?: string; negation?: 'clause' | 'near' } = {},
): Cue | undefined {
  const matcher = new PhraseMatcher([{ id: level, phrases }]);
  if (matcher.size === 0) return undefined;
  return { level, weak: options.weak ?? false, tag: options.tag, ignoreNegation: false, regex: NEVER, gate: [], phrases: matcher, negation: options.negation ?? 'clause' };
}

/** The engine's macros (language/macros.yaml), usable as `{name}` in every language file and playbook pattern. */
const MACROS: Readonly<Record<string, string>> = engineMacros();

function engineMacros(): Record<string, string> {
  const file = cueFile('macros');
  const raw = Object.fromEntries(Object.entries(file.terms).map(([name, found]) => [name, macroSource(found.pattern)]));
  // Macros may use one another ({negation} inside the gaps): expanded once here.
  return Object.fromEntries(Object.entries(raw).map(([name, source]) => [name, withMacros(source, raw)]));
}

// Whole words only: a match may not start or end inside a word ("ceo" is not in "ceos", "un " may end before a word).
const WORD_START = '(?:(?<![a-z0-9])|(?![a-z0-9]))';
const WORD_END = '(?:(?<![a-z0-9])|(?![a-z0-9-]))';

// Compiled lexicons, shared by every extractor of the process: a regex is compiled (and warmed) once.
// Sharing is safe: matching resets `lastIndex` before each use and JavaScript runs one read at a time.
const compiled = new WeakMap<readonly CueSpec[], Cue[]>();

/** Compiles one regular expression per spec, with word guards and macro expansion (once per lexicon). */
export function compileCues(specs: readonly CueSpec[]): Cue[] {
  const known = compiled.get(specs);
  if (known) return known;
  const cues = compileSpecs(specs);
  compiled.set(specs, cues);
  return cues;
}

// One regex per phrase, not one per spec: in an alternation the first phrase that matches wins, so
// "i decide" would hide "i decide together with our CEO"; separate regexes let the longest match win.
function compileSpecs(specs: readonly CueSpec[]): Cue[] {
  return specs.flatMap((spec) =>
    LOCALES.flatMap((locale) => spec[locale] ?? []).map((source) => {
      const regex = new RegExp(`${WORD_START}(?:${expand(source)})${WORD_END}`, 'g');
      const cue: Cue = { level: spec.level, weak: spec.weak ?? false, tag: spec.tag, ignoreNegation: spec.ignoreNegation ?? false, regex, gate: literalGate(regex) };
      if (NAMES_A_SLOT.test(source)) cue.slotted = true;
      return cue;
    }),
  );
}

/**
 * Expands `{macro}`s (the engine's, then `slots`: a playbook's vocabulary) and lets one space in a phrase match
 * any run of spaces (" ?" → optional).
 */
export function expand(source: string, slots: Readonly<Record<string, string>> = {}): string {
  const expanded = source.replace(/\{(\w+)\}/g, (whole, name: string) => MACROS[name] ?? slots[name] ?? whole);
  let result = '';
  let inClass = false;
  for (let index = 0; index < expanded.length; index++) {
    const char = expanded[index];
    const previous = expanded[index - 1];
    if (previous !== '\\') {
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
    }
    if (char === ' ' && !inClass) {
      const next = expanded[index + 1];
      if (next === '?' || next === '*') {
        result += String.raw`\s*`;
        index++;
      } else {
        result += String.raw`\s+`;
      }
      continue;
    }
    result += char;
  }
  return result;
}
