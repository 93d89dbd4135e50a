/** Longest visitor message we read; longer ones are refused before any extraction or storage. */
export const MAX_VISITOR_TEXT = 4000;

// Zero-width and bidi controls, Unicode tag characters (used to smuggle hidden instructions), other C0/C1 controls.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

/** Removes characters a person cannot see, normalises to NFC and trims. Visible text is never altered. */
export function sanitizeVisitorText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/[ \t]+\n/g, '\n').trim();
}
