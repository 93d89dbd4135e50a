import { literalGate, type LiteralGate } from './literal-prefilter.js';

/**
 * A lexicon entry: phrases (regular expressions over folded text — lower case, no accents, straight
 * apostrophes) that point to one level of a dimension. Lexicons are data; the engine is generic.
 */
export interface CueSpec {
  /** Level id (or detector-specific label) the phrases point to. */
  level: string;
  fr?: readonly string[];
  en?: readonly string[];
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
}

const NEGATION = String.raw`(?:not|no|pas|nothing|none|rien|aucun|aucune|jamais|never|ne|n'\w*|\w+n't|dont|without|sans|none|zero)`;

/** Shorthands usable in lexicon phrases as `{name}`. */
const MACROS: Record<string, string> = {
  // Someone talking about themselves: "je suis", "I'm", "en tant que"…
  je_suis: String.raw`(?:je suis|j'suis|chuis|suis|moi c'est|je suis actuellement|je suis aussi|je suis moi-meme|en tant que|en qualite de|je travaille comme|j'occupe le poste de|mon poste(?: est)?|mon role(?: est)?|ma fonction(?: est)?)`,
  i_am: String.raw`(?:i'm|i am|im|i'm currently|i am currently|i'm also|as|being|i work as|i serve as|my role is|my title is|my position is|my job is)`,
  art: String.raw`(?:(?:le|la|l'|un|une|the|a|an|one of the|l'un des|l'une des|notre|our|votre|your)\s*(?:(?:deux|trois|quatre|cinq|six|two|three|four|five|\d+)\s+)?)?`,
  adj: String.raw`(?:(?:nouveau|nouvelle|new|acting|interim|actuel|actuelle|current|seul|seule|sole|only|unique)\s+)?`,
  // Start of a clause: the beginning of the text or right after punctuation.
  clause_start: String.raw`(?<=^|[\n,.;:!?()…]\s*|\s-\s*|^\s*(?:oui|yes|hello|hi|bonjour|salut|ok|alors|well|so|et|and|moi|me)\s*[,!]?\s*)`,
  // Up to N filler words, none of them a negation ("budget … approved" but not "budget and nothing planned").
  gap2: String.raw`(?: (?!${NEGATION}\b)[a-z0-9'-]+){0,2}?`,
  gap3: String.raw`(?: (?!${NEGATION}\b)[a-z0-9'-]+){0,3}?`,
  gap4: String.raw`(?: (?!${NEGATION}\b)[a-z0-9'-]+){0,4}?`,
  words2: String.raw`(?:(?!${NEGATION}\b)[a-z0-9'-]+ ){0,2}?`,
  words4: String.raw`(?:(?!${NEGATION}\b)[a-z0-9'-]+ ){0,4}?`,
  // Words that count as money in context.
  budget_word: String.raw`(?:budg?e?t\w*|budjet|enveloppe|envelope|spend|depenser|investir|invest\w*|mettre|allouer|allocate\w*|earmark\w*|moyens|fonds|funds|funding|financement|financer)`,
};

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
    [...(spec.fr ?? []), ...(spec.en ?? [])].map((source) => {
      const regex = new RegExp(`${WORD_START}(?:${expand(source)})${WORD_END}`, 'g');
      return { level: spec.level, weak: spec.weak ?? false, tag: spec.tag, ignoreNegation: spec.ignoreNegation ?? false, regex, gate: literalGate(regex) };
    }),
  );
}

/** Expands `{macro}`s and lets one space in a phrase match any run of spaces (" ?" → optional). */
export function expand(source: string): string {
  const withMacros = source.replace(/\{(\w+)\}/g, (whole, name: string) => MACROS[name] ?? whole);
  let result = '';
  let inClass = false;
  for (let index = 0; index < withMacros.length; index++) {
    const char = withMacros[index];
    const previous = withMacros[index - 1];
    if (previous !== '\\') {
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
    }
    if (char === ' ' && !inClass) {
      const next = withMacros[index + 1];
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
