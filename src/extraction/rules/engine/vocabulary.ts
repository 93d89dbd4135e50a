import { PhraseMatcher, type PhraseHit, type PhrasesPerLocale, type WordIndex } from './phrases.js';

/**
 * A playbook's vocabulary inside the generic cues: each phrase of `problems`, `results` and `offer` said in a
 * message is replaced, letter for letter, by its slot's mark (macros.yaml: `{results}` is a run of U+E001…), so
 * one generic cue ("pas assez de {results}") reads any company's words, and every index stays the same (evidence
 * is cut from the original message at the same positions).
 */
export const SLOTS = ['results', 'problems', 'offer'] as const;
export type Slot = (typeof SLOTS)[number];

const MARKS: Record<Slot, string> = { results: '\uE001', problems: '\uE002', offer: '\uE003' };

/** Whether a cue's pattern names a slot, so it is matched on the marked text. */
export const NAMES_A_SLOT = /\{(?:results|problems|offer)\}/;

export class VocabularyReader {
  private readonly matcher: PhraseMatcher;

  constructor(vocabulary: Readonly<Record<Slot, PhrasesPerLocale>>) {
    this.matcher = new PhraseMatcher(SLOTS.map((slot) => ({ id: slot, phrases: vocabulary[slot] })));
  }

  /** The vocabulary said in the message, and the folded text with those words marked (undefined: none said). */
  read(folded: string, words: WordIndex): { hits: PhraseHit[]; marked?: string } {
    if (this.matcher.size === 0) return { hits: [] };
    const hits = this.matcher.find(words);
    if (hits.length === 0) return { hits };
    let marked = '';
    let at = 0;
    for (const hit of hits) {
      marked += folded.slice(at, hit.start) + MARKS[hit.group as Slot].repeat(hit.end - hit.start);
      at = hit.end;
    }
    return { hits, marked: marked + folded.slice(at) };
  }
}
