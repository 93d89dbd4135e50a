import type { Contact, Fact, KnockoutHit } from '../../qualification/types.js';
import { numberAppearsIn } from './numbers-in-text.js';

/**
 * Grounding: the model may only report what the visitor's own words say.
 *
 * Policy: a fact, knockout or contact detail whose evidence is not found in the visitor's messages
 * is DROPPED, not kept with a lowered confidence. A kept low-confidence fact would still reach the
 * fact sheet and show invented "evidence" to the sales team in the score explanation; dropping it
 * leaves the rules extractor's reading in charge. A fact carrying an amount or headcount that the
 * visitor never wrote is dropped as a whole, because its level was most likely read from that number.
 */

/** One visitor message and its 1-based turn. */
export interface VisitorMessage {
  text: string;
  turn: number;
}

export type DropReason = 'evidence_not_found' | 'number_not_found';

export interface DroppedItem {
  kind: 'fact' | 'knockout' | 'contact';
  /** Dimension id, knockout id or contact field. */
  id: string;
  reason: DropReason;
}

export interface GroundingInput {
  facts: readonly Fact[];
  knockouts: readonly KnockoutHit[];
  contact: Contact;
}

export interface GroundingResult {
  facts: Fact[];
  knockouts: KnockoutHit[];
  contact: Contact;
  dropped: DroppedItem[];
}

/** Case, accents, apostrophes, quotes, punctuation and whitespace do not matter; words and digits do. */
export function normalizeForGrounding(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    // "40 000", "40,000", "40.000" and "40000" are the same number whichever way the model copies it.
    .replace(/(\d)[\s.,'’](?=\d{3}(?!\d))/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The turn of the latest message that contains the evidence, or undefined when it is not there.
 * An evidence made of fragments joined by an ellipsis ("we need … by March") needs every fragment.
 */
export function locateEvidence(evidence: string, messages: readonly VisitorMessage[]): number | undefined {
  const fragments = evidence
    .split(/\.{3}|…|\[\s*(?:\.{3}|…)\s*\]/u)
    .map(normalizeForGrounding)
    .filter((fragment) => fragment !== '');
  if (fragments.length === 0) return undefined;
  const haystacks = messages.map((message) => ({ turn: message.turn, text: ` ${normalizeForGrounding(message.text)} ` }));
  let latest: number | undefined;
  for (const fragment of fragments) {
    const holders = haystacks.filter((haystack) => haystack.text.includes(` ${fragment} `));
    if (holders.length === 0) return undefined;
    const turn = Math.max(...holders.map((holder) => holder.turn));
    latest = latest === undefined ? turn : Math.max(latest, turn);
  }
  return latest;
}

export function groundExtraction(candidate: GroundingInput, messages: readonly VisitorMessage[]): GroundingResult {
  const texts = messages.map((message) => message.text);
  const dropped: DroppedItem[] = [];
  const facts: Fact[] = [];
  for (const fact of candidate.facts) {
    const turn = locateEvidence(fact.evidence, messages);
    if (turn === undefined) {
      dropped.push({ kind: 'fact', id: fact.dimension, reason: 'evidence_not_found' });
      continue;
    }
    const numbers = [fact.amount?.value, fact.amount?.upTo, fact.headcount].filter((n): n is number => n !== undefined);
    if (numbers.some((value) => !numberAppearsIn(value, texts))) {
      dropped.push({ kind: 'fact', id: fact.dimension, reason: 'number_not_found' });
      continue;
    }
    facts.push({ ...fact, turn });
  }
  const knockouts: KnockoutHit[] = [];
  for (const hit of candidate.knockouts) {
    const turn = locateEvidence(hit.evidence, messages);
    if (turn === undefined) dropped.push({ kind: 'knockout', id: hit.id, reason: 'evidence_not_found' });
    else knockouts.push({ ...hit, turn });
  }
  const contact = groundContact(candidate.contact, texts, dropped);
  return { facts, knockouts, contact, dropped };
}

function groundContact(contact: Contact, texts: readonly string[], dropped: DroppedItem[]): Contact {
  const grounded: Contact = {};
  const keep = (field: keyof Contact, ok: boolean, value: string) => {
    if (ok) grounded[field] = value;
    else dropped.push({ kind: 'contact', id: field, reason: 'evidence_not_found' });
  };
  if (contact.email) {
    const email = contact.email.trim();
    keep('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && texts.some((text) => text.toLowerCase().includes(email.toLowerCase())), email);
  }
  if (contact.phone) keep('phone', phoneAppearsIn(contact.phone, texts), contact.phone.trim());
  if (contact.name) {
    const name = contact.name.trim();
    const needle = ` ${normalizeForGrounding(name)} `;
    keep('name', needle.trim() !== '' && texts.some((text) => ` ${normalizeForGrounding(text)} `.includes(needle)), name);
  }
  return grounded;
}

/** "+33 6 12 34 56 78" and "06.12.34.56.78" are the same number: compare the last nine digits. */
function phoneAppearsIn(phone: string, texts: readonly string[]): boolean {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return false;
  const tail = digits.slice(-9);
  return texts.some((text) =>
    [...text.matchAll(/\+?\d[\d\s().\-/]{4,}\d/g)].some((match) => match[0].replace(/\D/g, '').endsWith(tail)),
  );
}
