/**
 * Makes visitor text safe to place between the prompt's `<visitor_message>`-style markers:
 * angle brackets (including full-width and small variants) become single guillemets, so a
 * visitor typing `</visitor_message>` or `<system>` can never close the fence or open a new one.
 * The meaning of "< 5k" survives as "‹ 5k", and grounding ignores punctuation either way.
 */
export function neutraliseMarkers(text: string): string {
  return text.replace(/[<＜﹤〈⟨]/gu, '‹').replace(/[>＞﹥〉⟩]/gu, '›');
}
