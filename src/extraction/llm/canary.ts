/**
 * A string that exists only in the extraction system prompt. If it ever shows up in something
 * meant for a visitor (a rephrased question, a log of bot replies), the prompt leaked.
 */
export const PROMPT_CANARY = 'QB-CANARY-7f3a';

/** Also catches the canary with its separators changed or removed ("QB CANARY 7F3A", "qbcanary7f3a"). */
export function containsCanary(text: string): boolean {
  const squeeze = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return squeeze(text).includes(squeeze(PROMPT_CANARY));
}
