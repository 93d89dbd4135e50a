import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/** Shortest SDR password accepted, whatever its strength. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn score (0–4) a password must reach: 3 = "safely unguessable" against online attacks of a throttled login. */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

/** Built on first use: the dictionaries (common passwords, French and English words and names) take a moment to load. */
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return checker;
}

/**
 * Why an SDR password is refused, or undefined when it is good enough: too short, or guessable according to
 * zxcvbn (common passwords, repeats, keyboard walks, dictionary words, dates; the account's own email and
 * name count as known words).
 */
export function passwordProblem(password: string, knownWords: string[] = []): string | undefined {
  if (password.trim().length < MIN_PASSWORD_LENGTH) return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long (spaces at the ends do not count).`;
  const result = zxcvbn().check(password, knownWords.flatMap((word) => [word, ...word.split(/[\s@.—-]+/)]).filter((word) => word.length >= 3));
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `The password is too easy to guess${hints ? `: ${hints}` : '.'} A few unrelated words make a good one.`;
}
