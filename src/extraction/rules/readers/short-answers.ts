import { expand } from '../engine/cue.js';
import { FILLER, SHORT_ANSWERS, type ShortAnswer } from '../lexicon/short-answers.js';

const compiled = SHORT_ANSWERS.map((answer) => ({
  answer,
  regex: new RegExp(`^(?:(?:${FILLER}) )*(?:${expand(answer.pattern)})(?: (?:${FILLER}))*$`),
}));

/**
 * Reads a whole, short answer against the question just asked: "Oui" → allocated, "moi" → decision maker,
 * "je ne sais pas" → unclear (`level: null`). Undefined when the answer is not one of those. `folded` may be
 * the message with the playbook's vocabulary marked (vocabulary.ts): "Des rendez-vous." names its results.
 */
export function readShortAnswer(kind: string, folded: string): ShortAnswer | undefined {
  const answer = folded
    .replace(/[^a-z0-9'+?\uE001-\uE003-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!answer || answer.split(' ').length > 8) return undefined;
  return compiled.find((entry) => entry.answer.kind === kind && entry.regex.test(answer))?.answer;
}
