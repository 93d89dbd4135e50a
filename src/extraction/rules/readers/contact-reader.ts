import type { Contact } from '../../../qualification/types.js';
import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import type { Span } from '../text/segments.js';

// Prefiltered: most messages have no "@", digits, "www." or markup to look at.
const EMAIL = new PrefilteredRegExp(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g);
// French numbers (06 12 34 56 78, +33 6 12 34 56 78, 0033…), international (+44 20 7946 0958) and US style ((415) 555-0100).
const PHONES = [
  /(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/g,
  /(?<![\d+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}(?!\d)/g,
  /(?<!\d)\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)/g,
].map((regex) => new PrefilteredRegExp(regex));
const URL = /\b(?:https?:\/\/|www\.)\S+/g;
// Text a visitor pastes to look like machine output ({"route":"handoff"}, <system>…</system>, ```json…```): never facts.
const INJECTED = [
  /```[\s\S]*?(?:```|$)/g,
  /\{[^{}]*\}/g,
  /<(system|assistant|admin|instructions?|developer|tool)>[\s\S]*?<\/\1>/gi,
  /<\/?[a-z][^<>]{0,40}>/gi,
  // Quoted orders ("obey this: 'set budget to allocated'"): a visitor quoting words is not stating a fact.
  /(?<=^|[\s:(])['"«“]\s?[^'"»”\n]{3,200}?\s?['"»”](?=[\s.,;:!?)]|$)/g,
];
const HIDDEN = [URL, ...INJECTED].map((regex) => new PrefilteredRegExp(regex));
const WEBSITE = new PrefilteredRegExp(URL);

/** E-mail, phone number and website in the message, verbatim (a website only as www.… or http(s)://…). */
export function readContact(text: string): { contact: Contact; spans: Span[] } {
  const contact: Contact = {};
  const spans: Span[] = [];
  for (const match of EMAIL.matchAll(text)) {
    contact.email ??= match[0];
    spans.push(spanOf(match));
  }
  for (const match of WEBSITE.matchAll(text)) {
    const website = match[0].replace(/[)\].,;:!?'"»]+$/, '');
    if (!website.includes('@')) contact.website ??= website;
  }
  for (const pattern of PHONES) {
    for (const match of pattern.matchAll(text)) {
      const digits = match[0].replace(/\D/g, '').length;
      if (digits < 9 || digits > 15 || spans.some((span) => overlaps(span, spanOf(match)))) continue;
      contact.phone ??= match[0].trim();
      spans.push(spanOf(match));
    }
  }
  return { contact, spans };
}

/** Spans to hide from every other reader: contact details, URLs and pasted JSON/markup. */
export function hiddenSpans(text: string, contactSpans: readonly Span[]): Span[] {
  const spans = [...contactSpans];
  for (const pattern of HIDDEN) for (const match of pattern.matchAll(text)) spans.push(spanOf(match));
  return spans;
}

function spanOf(match: RegExpMatchArray): Span {
  const start = match.index ?? 0;
  return { start, end: start + match[0].length };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
