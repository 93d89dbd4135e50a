/**
 * Folds a visitor message for matching: lower case, accents removed, one kind of apostrophe, dash and space.
 * Every UTF-16 unit maps to exactly one unit, so an index in the folded text is the same index in the
 * original: matches are made on the folded text and evidence is cut from the original.
 */
export function normalize(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index++) folded += foldedUnit(text.charCodeAt(index));
  return folded;
}

// Each UTF-16 unit folds the same way every time: it is folded once per process (lower-casing and
// decomposing a character allocates; most messages repeat the same few dozen).
const foldedUnits = new Map<number, string>();

function foldedUnit(code: number): string {
  let folded = foldedUnits.get(code);
  if (folded === undefined) {
    folded = foldUnit(String.fromCharCode(code));
    foldedUnits.set(code, folded);
  }
  return folded;
}

const APOSTROPHES = new Set(['’', '‘', 'ʼ', '´', '`', '′', '‛']);
const DASHES = new Set(['‐', '‑', '‒', '–', '—', '―', '−']);
const SPACES = new Set(['\u00a0', '\u202f', '\u2007', '\u2009', '\u200a', '\u2002', '\u2003', '\t']);

function foldUnit(unit: string): string {
  if (APOSTROPHES.has(unit)) return "'";
  if (DASHES.has(unit)) return '-';
  if (SPACES.has(unit)) return ' ';
  const lower = unit.toLowerCase();
  const single = lower.length === 1 ? lower : unit;
  const base = single.normalize('NFD')[0] ?? single;
  return base.length === 1 ? base : single;
}

/** Replaces the given spans with spaces (same length), e.g. e-mails and phone numbers before reading amounts. */
export function blankOut(text: string, spans: readonly { start: number; end: number }[]): string {
  let result = text;
  for (const { start, end } of spans) result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  return result;
}
