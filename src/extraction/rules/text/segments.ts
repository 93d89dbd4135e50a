import { allMatches } from '../engine/all-matches.js';

/** A half-open range [start, end) of UTF-16 indexes in the visitor's message. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The message cut into sentences and, inside them, clauses ("I'm the CEO, we have 40k€ but it's not approved"
 * → 3 clauses). Evidence is the clause(s) around a match, so it stays short and verbatim.
 */
export interface Segments {
  sentences: Span[];
  clauses: Span[];
}

// Sentence ends: ! ? ; … line breaks and dots — but not the dot of "1.5", "a.s.a.p" or "e.g.".
const SENTENCE_BREAK = /[!?;…\n\r]+|\.{2,}|(?<!\b[a-z])\.(?![0-9])/g;
// Clause ends inside a sentence: commas (not in "5,000"), parentheses, spaced dashes, and before connectors
// that start a new thought ("mais", "actually", "and we…").
const CLAUSE_BREAK = new RegExp(
  [
    String.raw`,(?![0-9])|(?<![0-9]),`,
    String.raw`[()]`,
    String.raw`\s[-/]\s`,
    String.raw`\s(?=(?:mais|but|however|cependant|pourtant|par contre|en revanche|sauf que|though|although|actually|actualy|acutally|en fait|enfin|alors que|tandis que|whereas|sinon|otherwise|donc|so that|puis|then|parce que|because|car|since|vu que)\b)`,
    String.raw`\s(?=(?:et|and|&)\s+(?:je|j'|on|nous|il|elle|ils|c'est|ca|cela|notre|nos|mon|ma|mes|le|la|les|l'|un|une|doit|devons|devrait|faut|il faut|voulons|veut|souhaitons|avons|ai|suis|sommes|i|i'm|i'd|i'll|we|we're|we've|we'd|our|my|it|it's|they|the|must|need|needs|should|would|will|want|have|has|can|could|are|is|am|a|an|also|then|so|that|this|there)\b)`,
  ].join('|'),
  'g',
);

export function segment(folded: string): Segments {
  const sentences = split(folded, [{ start: 0, end: folded.length }], SENTENCE_BREAK);
  const clauses = split(folded, sentences, CLAUSE_BREAK);
  return { sentences, clauses };
}

function split(text: string, within: readonly Span[], breaks: RegExp): Span[] {
  const parts: Span[] = [];
  for (const span of within) {
    let start = span.start;
    const slice = text.slice(span.start, span.end);
    breaks.lastIndex = 0;
    for (const match of allMatches(breaks, slice)) {
      const at = span.start + (match.index ?? 0);
      pushTrimmed(text, parts, start, at);
      start = at + match[0].length;
    }
    pushTrimmed(text, parts, start, span.end);
  }
  return parts;
}

function pushTrimmed(text: string, parts: Span[], start: number, end: number): void {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end > start) parts.push({ start, end });
}

/** The spans (clauses or sentences) that overlap [start, end), merged into one covering span. */
export function covering(spans: readonly Span[], start: number, end: number): Span {
  let from = start;
  let to = end;
  for (const span of spans) {
    if (span.end > start && span.start < end) {
      from = Math.min(from, span.start);
      to = Math.max(to, span.end);
    }
  }
  return { start: from, end: to };
}

/** The span that contains index `at` (or the nearest one before it). */
export function spanAt(spans: readonly Span[], at: number): Span | undefined {
  let found: Span | undefined;
  for (const span of spans) {
    if (span.start <= at) found = span;
    if (span.start <= at && at < span.end) return span;
  }
  return found;
}

/** The visitor's own words around a match: its clause(s), verbatim from the original text, trimmed. */
export function evidence(original: string, segments: Segments, start: number, end: number): string {
  const span = covering(segments.clauses, start, end);
  return original.slice(span.start, span.end).trim();
}
