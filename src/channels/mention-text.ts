/** Stands where a removed mention was, so the punctuation around it can be tidied (never typed by people). */
const MARK = '\u0000';

/**
 * A message without the mentions that address the bot, and without the punctuation they leave behind:
 * "What is the hour of the pearl, @bot?" → "What is the hour of the pearl?", "@bot, hello" → "hello",
 * "Hi @bot, we need" → "Hi, we need". A space before `?` or `!` (French typography) is kept as typed.
 * `mention` must have the global flag.
 */
export function withoutMentions(text: string, mention: RegExp): string {
  const marked = text.replace(mention, MARK);
  if (marked === text) return text;
  return (
    marked
      // Addressing first: "@bot, hello" / "@bot: hello".
      .replace(/^(?:\s*\u0000[\s,;:]*)+/, '')
      // Addressing last, before the final punctuation or at the end: "…the pearl, @bot?" / "…the pearl @bot".
      .replace(/[\s,;:]*\u0000(\s*)(?=[?!.…]|$)/g, '$1')
      // In the middle: "Hi @bot, we" → "Hi, we"; glued to a word, it still separates words.
      .replace(/\s*\u0000(?=[\s,;:])/g, '')
      .replace(/\u0000/g, ' ')
      .replace(/[ \t]{2,}/g, ' ')
      .trim()
  );
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
