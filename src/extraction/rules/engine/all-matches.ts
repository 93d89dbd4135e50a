/**
 * `text.matchAll(regex)` as an array, found with `regex.exec` on the regex itself (restoring its
 * `lastIndex` after): matchAll clones the regex on every call, and compiling a clone of a large pattern
 * costs more than the search. Same matches, in the same order, from the same starting `lastIndex`.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  if (!regex.global) throw new TypeError('allMatches needs a global regex, as matchAll does');
  const unicode = regex.unicode || regex.flags.includes('v');
  const start = regex.lastIndex;
  const found: RegExpExecArray[] = [];
  try {
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      found.push(match);
      if (match[0] === '') regex.lastIndex = advance(text, regex.lastIndex, unicode);
    }
  } finally {
    regex.lastIndex = start;
  }
  return found;
}

/** Where a global search resumes after an empty match: one code point further (AdvanceStringIndex). */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}
