import { allMatches } from './all-matches.js';
import { hasTag, LiteralTrie } from './literal-trie.js';
import { requiredLiterals } from './required-literals.js';

/**
 * Before a regex runs on a message: does the message contain, for each set of literals the regex requires
 * (required-literals.ts), one literal of the set? Most lexicon phrases fail this at once, and finding every
 * literal of a message is one walk of a trie, shared by every regex of every reader.
 */

/** Ids of the literal sets a regex requires; empty when nothing is known and the regex always runs. */
export type LiteralGate = readonly number[];

/** A set of literals, one of which a text must contain. */
interface LiteralSet {
  literals: readonly string[];
  /** For a case-insensitive regex: each literal matched with the regex's own flags, so case folds as it does. */
  caseless?: readonly RegExp[];
}

// One registry for the process: lexicons are compiled once and share most of their sets and literals.
const sets: LiteralSet[] = [];
const setIds = new Map<string, number>();
// The sets of each case-sensitive literal, found by the trie; case-insensitive ones are looked for one by one.
const caseSensitive = new Map<string, number[]>();
// Built again on the first scan after sets were added (lexicons at start-up, a playbook's own patterns).
let trie: LiteralTrie | undefined;
// Gated regexes not compiled yet (see compileGatedRegExps).
let uncompiled: RegExp[] = [];

export function literalGate(regex: RegExp): LiteralGate {
  uncompiled.push(regex);
  const flags = regex.ignoreCase ? regex.flags.replace(/[^iuv]/g, '') : '';
  const ids = requiredLiterals(regex).map((literals) => setId(literals, literals.every(isCaseNeutral) ? '' : flags));
  // Sets found by the trie first: a case-insensitive look-up is needed only when they are all met.
  return [...ids.filter((id) => !sets[id]?.caseless), ...ids.filter((id) => sets[id]?.caseless)];
}

/**
 * Runs every gated regex not run yet on a short text of each kind V8 distinguishes (one-byte, two-byte),
 * twice, so V8 compiles it now: a gated regex may first run many messages after start-up, and a visitor's
 * turn should not pay for compiling it.
 */
export function compileGatedRegExps(): void {
  for (const regex of uncompiled) {
    const lastIndex = regex.lastIndex;
    for (const text of ['warm up', 'warm up €', 'warm up', 'warm up €']) {
      regex.lastIndex = 0;
      regex.exec(text);
    }
    regex.lastIndex = lastIndex;
  }
  uncompiled = [];
}

/** ASCII without letters ("<", "{", "```"): matched the same way whatever the case flags. */
function isCaseNeutral(literal: string): boolean {
  return /^[\x00-\x40\x5b-\x60\x7b-\x7f]*$/.test(literal);
}

function setId(literals: readonly string[], flags: string): number {
  const key = `${flags}:${JSON.stringify([...literals].sort())}`;
  const known = setIds.get(key);
  if (known !== undefined) return known;
  const id = sets.length;
  setIds.set(key, id);
  if (flags) {
    sets.push({ literals, caseless: literals.map((literal) => new RegExp(literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), flags)) });
  } else {
    sets.push({ literals });
    for (const literal of literals) caseSensitive.set(literal, [...(caseSensitive.get(literal) ?? []), id]);
    trie = undefined;
  }
  return id;
}

/** Whether `text` contains a literal of the set, looked for directly (no scan). */
function contains(text: string, set: LiteralSet): boolean {
  return set.caseless ? set.caseless.some((regex) => regex.test(text)) : set.literals.some((literal) => text.includes(literal));
}

/** Which literal sets one text meets. */
class LiteralScan {
  readonly setCount = sets.length;
  private readonly met: number[];
  // Case-insensitive sets (a playbook's own patterns, markup) are few: each is looked for when a gate asks.
  private readonly caseless = new Map<number, boolean>();

  constructor(readonly text: string) {
    trie ??= new LiteralTrie(caseSensitive);
    this.met = trie.tagsIn(text, this.setCount);
  }

  /** False only when no match of the gated regex can exist in the text. */
  mayMatch(gate: LiteralGate): boolean {
    for (const id of gate) if (!hasTag(this.met, id) && !this.metCaseless(id)) return false;
    return true;
  }

  private metCaseless(id: number): boolean {
    const set = sets[id] as LiteralSet;
    if (!set.caseless) return false;
    let met = this.caseless.get(id);
    if (met === undefined) {
      met = contains(this.text, set);
      this.caseless.set(id, met);
    }
    return met;
  }
}

// The last texts scanned: the folded message, which every reader of the message reads, and the same message with
// the playbook's vocabulary marked (engine/vocabulary.ts).
let lastScan: LiteralScan | undefined;
let previousScan: LiteralScan | undefined;

/** The literal scan of `text`, shared by all the readers of one message. */
export function literalScan(text: string): LiteralScan {
  if (lastScan?.text === text && lastScan.setCount === sets.length) return lastScan;
  if (previousScan?.text === text && previousScan.setCount === sets.length) {
    [lastScan, previousScan] = [previousScan, lastScan];
    return lastScan;
  }
  previousScan = lastScan;
  lastScan = new LiteralScan(text);
  return lastScan;
}

/**
 * A regular expression that is not run on a text lacking the literals all its matches need. The text
 * checked may be larger than the one searched (the message around a clause): what a part contains, the
 * whole does.
 */
export class PrefilteredRegExp {
  private readonly gate: LiteralGate;

  constructor(readonly regex: RegExp) {
    this.gate = literalGate(regex);
  }

  /**
   * False only when the regex can match neither `text` nor any part of it. When `text` is the message
   * already scanned, its scan answers; any other text (the original message…) is searched for the few
   * literals of this regex.
   */
  mayMatch(text: string): boolean {
    if (lastScan?.text === text && lastScan.setCount === sets.length) return lastScan.mayMatch(this.gate);
    return this.gate.every((id) => contains(text, sets[id] as LiteralSet));
  }

  /** `text.matchAll(regex)` (see allMatches); `within`: a text that contains `text`, scanned instead of it. */
  matchAll(text: string, within = text): RegExpExecArray[] {
    return this.mayMatch(within) ? allMatches(this.regex, text) : [];
  }

  /** `regex.test(text)`, with the same effect on `lastIndex`; `within` as in `matchAll`. */
  test(text: string, within = text): boolean {
    if (this.mayMatch(within)) return this.regex.test(text);
    if (this.regex.global || this.regex.sticky) this.regex.lastIndex = 0;
    return false;
  }
}
