import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import type { Locale } from '../../../qualification/types.js';
import { normalize } from '../text/normalize.js';
import { cueFile } from './cue-file.js';

/**
 * Words and short phrases a playbook writes (its vocabulary, the phrases of its levels and knockouts), read the
 * way people vary them: each word in any form of the same stem in the phrase's language (Snowball stemmers,
 * @orama/stemmers), whole words only, in order, with at most two small words in between (language/phrases.yaml).
 * No regular expression is written by the playbook's author.
 */

/** A word as the matchers know it: its stems and the keys a phrase word may find it by (computed once per word). */
interface WordForm {
  text: string;
  fr: string;
  en: string;
  /** `w:<word>`, `w:<singular>`, `fr:<stem>`, `en:<stem>`, `p:<word minus 0 to 3 letters>` (see keysOf). */
  keys: readonly string[];
}

/** One word of a folded message: where it is, and its form. */
interface Word {
  start: number;
  end: number;
  form: WordForm;
}

/** The words of a folded message; built once per message, shared by every matcher. */
export interface WordIndex {
  words: readonly Word[];
}

/** Where a phrase of a group was said. */
export interface PhraseHit {
  group: string;
  phrase: string;
  start: number;
  end: number;
  /** How closely the words matched (2 per word said exactly, 1 per plural, 0 per stem): the closer phrase wins a tie. */
  closeness: number;
}

/** A named list of phrases per locale: a vocabulary slot, a level, a knockout. */
export interface PhraseGroup {
  id: string;
  phrases: PhrasesPerLocale;
}

/** Phrases per locale; only the locales with a stemmer below are read (a playbook's phrases in another language are not). */
export type PhrasesPerLocale = Readonly<Partial<Record<Locale, readonly string[]>>>;

interface PhraseWord {
  text: string;
  /** The stem in the phrase's language, or undefined when only the word itself (or its plural) matches. */
  stem?: string;
  locale: Locale;
}

interface CompiledPhrase {
  group: string;
  phrase: string;
  words: readonly PhraseWord[];
  /** The message and word it was last tried at, so a phrase found by two keys of one word is tried once. */
  triedAt: number;
}

// Counts the words tried by every matcher of the process: a phrase's `triedAt` says whether it was tried at this one.
let wordsTried = 0;

const WORD = /[a-z0-9]+/g;
const FUNCTION_WORDS: ReadonlySet<string> = new Set(cueFile('phrases').terms.function_words?.pattern as readonly string[]);
const GAP_WORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...(cueFile('phrases').terms.gap_words?.pattern as readonly string[])]);
const MAX_GAP = 2;
// Short stems say too little ("lead" is also "leader" to the French stemmer, "pai" is "paie"): words with a stem
// under five letters match only themselves (and their plural).
const MIN_STEM = 5;
// A stem also reads a word that adds a short ending it did not strip ("compar" → "comparons", "securit" → "securite").
const MAX_EXTRA_LETTERS = 3;
// A small count may sit inside a phrase like the number words of gap_words ("comparing 3 vendors"); a larger
// figure is something the phrase does not say ("décrocher 12 nouveaux clients" is a target, not just more clients).
const SMALL_COUNT = /^[1-5]$/;
// Each form of a possessive → its person ("mon", "ma", "mes" → one entry): kept inside phrases, matched by person.
const POSSESSIVE: ReadonlyMap<string, number> = new Map(
  (cueFile('phrases').terms.possessives?.pattern as readonly string[]).flatMap((forms, person) => forms.split('|').map((form) => [form, person] as const)),
);
const EXACT_ONLY: ReadonlySet<string> = new Set(cueFile('phrases').terms.exact_only?.pattern as readonly string[]);

// A word's stems and keys cost a few microseconds: computed once per word per process (bounded, for a long-running server).
const known = new Map<string, WordForm>();
const MAX_KNOWN = 50_000;

function formOf(text: string): WordForm {
  let word = known.get(text);
  if (!word) {
    // A month or a day name is only itself: no stem key ("March" must not read "marchés").
    const exact = EXACT_ONLY.has(text);
    const fr = exact ? `=${text}` : frenchStem(text);
    const en = exact ? `=${text}` : englishStem(text);
    const keys = new Set([`w:${text}`, `w:${singular(text)}`]);
    if (!exact) {
      keys.add(`fr:${fr}`).add(`en:${en}`).add(`p:${text}`);
      for (let cut = 1; cut <= MAX_EXTRA_LETTERS && text.length - cut >= MIN_STEM; cut++) keys.add(`p:${text.slice(0, text.length - cut)}`);
    }
    word = { text, fr, en, keys: [...keys] };
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(text, word);
  }
  return word;
}

/** The words of `folded` (normalized text), for every phrase matcher of the message. */
export function indexWords(folded: string): WordIndex {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(folded); match; match = WORD.exec(folded)) {
    words.push({ start: match.index, end: match.index + match[0].length, form: formOf(match[0]) });
  }
  return { words };
}

/** How many words of a text say something (the small words of language/phrases.yaml aside). */
export function contentWords(folded: string): number {
  return [...folded.matchAll(WORD)].filter(([text]) => !FUNCTION_WORDS.has(text)).length;
}

/** Finds the phrases of its groups in a message: longest first, never two on the same words. */
export class PhraseMatcher {
  private readonly byFirstKey = new Map<string, CompiledPhrase[]>();
  readonly size: number;

  constructor(groups: readonly PhraseGroup[]) {
    const phrases = groups.flatMap((group) =>
      (['fr', 'en'] as const).flatMap((locale) => (group.phrases[locale] ?? []).map((phrase) => compilePhrase(group.id, phrase, locale))).filter((phrase) => phrase.words.length > 0),
    );
    this.size = phrases.length;
    // Each phrase is tried only at the words that may be its first word, found by key (no scan of every phrase).
    for (const phrase of phrases) {
      for (const key of keysOf(phrase.words[0]!)) {
        const list = this.byFirstKey.get(key);
        if (list) list.push(phrase);
        else this.byFirstKey.set(key, [phrase]);
      }
    }
  }

  find(index: WordIndex): PhraseHit[] {
    if (this.size === 0) return [];
    const hits: PhraseHit[] = [];
    index.words.forEach((word, position) => {
      const stamp = ++wordsTried;
      for (const key of word.form.keys) {
        const phrases = this.byFirstKey.get(key);
        if (!phrases) continue;
        for (const phrase of phrases) {
          if (phrase.triedAt === stamp) continue;
          phrase.triedAt = stamp;
          if (!sameWord(word.form, phrase.words[0]!)) continue;
          const matched = matchFrom(index, phrase.words, position);
          if (!matched) continue;
          const closeness = matched.reduce((sum, at, nth) => sum + closenessOf(index.words[at]!, phrase.words[nth]!), 0);
          hits.push({ group: phrase.group, phrase: phrase.phrase, start: word.start, end: index.words[matched[matched.length - 1]!]!.end, closeness });
        }
      }
    });
    return longestFirst(hits);
  }
}

function compilePhrase(group: string, phrase: string, locale: Locale): CompiledPhrase {
  const all = [...normalize(phrase).matchAll(WORD)].map(([text]) => text);
  // Small words inside a phrase are the gaps people vary ("comparer des prestataires" reads "comparons plusieurs
  // prestataires"); at its start they say whose thing it is ("my payslip" is not "our payslips") and stay.
  const leading = all.findIndex((text) => !FUNCTION_WORDS.has(text));
  const kept = leading < 0 ? all : [...all.slice(0, leading), ...all.slice(leading).filter((text) => !FUNCTION_WORDS.has(text) || POSSESSIVE.has(text))];
  const words = kept.map((text, index): PhraseWord => {
    const stem = locale === 'fr' ? frenchStem(text) : englishStem(text);
    const stemmed = index >= leading && leading >= 0 && text.length >= MIN_STEM && stem.length >= MIN_STEM;
    return { text, locale, stem: stemmed ? stem : undefined };
  });
  return { group, phrase, words, triedAt: 0 };
}

/** The keys a message word must have to be this phrase word: itself, its singular, its stem, a word extending its stem. */
function keysOf(word: PhraseWord): string[] {
  const person = POSSESSIVE.get(word.text);
  if (person !== undefined) return [...POSSESSIVE].filter(([, other]) => other === person).map(([form]) => `w:${form}`);
  const keys = [`w:${word.text}`, `w:${singular(word.text)}`];
  if (word.stem) keys.push(`${word.locale}:${word.stem}`, `p:${word.stem}`);
  return keys;
}

function sameWord(word: WordForm, phraseWord: PhraseWord): boolean {
  const person = POSSESSIVE.get(phraseWord.text);
  if (person !== undefined) return POSSESSIVE.get(word.text) === person;
  if (word.text === phraseWord.text || singular(word.text) === singular(phraseWord.text)) return true;
  if (phraseWord.stem === undefined || EXACT_ONLY.has(word.text)) return false;
  return (phraseWord.locale === 'fr' ? word.fr : word.en) === phraseWord.stem || extendsStem(word.text, phraseWord.stem);
}

/** "comparons" extends the stem "compar": the stem, then an ending of at most three letters. */
function extendsStem(text: string, stem: string): boolean {
  return text.startsWith(stem) && text.length - stem.length <= MAX_EXTRA_LETTERS;
}

/** The positions of the phrase's words when the phrase starts at `first`, else undefined. */
function matchFrom(index: WordIndex, words: readonly PhraseWord[], first: number): number[] | undefined {
  let at = first;
  const positions = [first];
  for (let next = 1; next < words.length; next++) {
    let found: number | undefined;
    for (let candidate = at + 1; candidate <= at + 1 + MAX_GAP && candidate < index.words.length; candidate++) {
      const word = index.words[candidate]!.form;
      if (sameWord(word, words[next]!)) {
        found = candidate;
        break;
      }
      if (!GAP_WORDS.has(word.text) && !SMALL_COUNT.test(word.text)) break;
    }
    if (found === undefined) return undefined;
    positions.push(found);
    at = found;
  }
  return positions;
}

function closenessOf(word: Word, phraseWord: PhraseWord): number {
  if (word.form.text === phraseWord.text) return 2;
  return singular(word.form.text) === singular(phraseWord.text) ? 1 : 0;
}

/** "alertes" → "alerte", "bureaux" → "bureau": plurals that stems may miss on short words. */
function singular(text: string): string {
  if (text.length > 3 && text.endsWith('aux')) return `${text.slice(0, -3)}al`;
  if (text.length > 3 && (text.endsWith('s') || text.endsWith('x'))) return text.slice(0, -1);
  return text;
}

/** Longest first; between phrases on the same words, the one said most exactly ("payroll software" is not "payroll"). */
function longestFirst(hits: readonly PhraseHit[]): PhraseHit[] {
  if (hits.length < 2) return [...hits];
  const byLength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || b.closeness - a.closeness || a.start - b.start);
  const kept: PhraseHit[] = [];
  for (const hit of byLength) {
    if (kept.some((other) => other.start < hit.end && hit.start < other.end)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}
