import type { Playbook } from '../../playbook/schema.js';
import { containsCanary } from './canary.js';
import { normalizeForGrounding } from './grounding.js';

/**
 * A rephrased question is shown to the visitor as is, so it is accepted only when it looks like a
 * plain question: no canary, no markers, no ids, no links or addresses, and no run of words copied
 * from the instructions. Anything doubtful returns undefined and the dialog uses the playbook text.
 */
export interface RephraseGuardOptions {
  playbook: Playbook;
  /** The static prompt wording (templates without their rendered values): what a leak would reveal. */
  instructionTexts: readonly string[];
  maxChars: number;
}

/** Six consecutive words shared with the instructions is a copy, not a coincidence. */
const LEAK_NGRAM = 6;

export function acceptRephrasing(text: string | null | undefined, options: RephraseGuardOptions): string | undefined {
  const candidate = (text ?? '').replace(/\s+/g, ' ').trim();
  if (candidate === '' || candidate.length > options.maxChars) return undefined;
  if (!candidate.includes('?')) return undefined;
  if (looksLikePromptLeak(candidate, options)) return undefined;
  return candidate;
}

export function looksLikePromptLeak(text: string, options: Pick<RephraseGuardOptions, 'playbook' | 'instructionTexts'>): boolean {
  if (containsCanary(text)) return true;
  if (/[<>‹›{}]|visitor_message|earlier_messages/i.test(text)) return true;
  if (/https?:\/\/|www\.|[^\s@]+@[^\s@]+\.[a-z]{2,}/i.test(text)) return true;
  const ids = [
    ...options.playbook.dimensions.flatMap((dimension) => dimension.levels.map((level) => level.id)),
    ...options.playbook.knockouts.map((knockout) => knockout.id),
  ].filter((id) => /[_\d]/.test(id));
  const lower = text.toLowerCase();
  if (ids.some((id) => lower.includes(id))) return true;
  const instructionGrams = new Set(options.instructionTexts.flatMap((template) => ngrams(withoutPlaceholders(template))));
  return ngrams(text).some((gram) => instructionGrams.has(gram));
}

function withoutPlaceholders(template: string): string {
  return template.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, ' | ');
}

function ngrams(text: string): string[] {
  // Placeholder gaps are kept as breaks so n-grams never bridge two separate sentences of the template.
  return text.split('|').flatMap((segment) => {
    const words = normalizeForGrounding(segment).split(' ').filter(Boolean);
    const grams: string[] = [];
    for (let index = 0; index + LEAK_NGRAM <= words.length; index += 1) grams.push(words.slice(index, index + LEAK_NGRAM).join(' '));
    return grams;
  });
}
