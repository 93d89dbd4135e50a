import type { Contact } from '../qualification/types.js';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// A run of digits with the usual separators; the digit count decides (9–15: phone numbers, not amounts or dates).
const PHONE_CANDIDATE = /(?:\+|\b00)?\(?\d[\d .()-]{6,}\d/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Email and/or phone number found in a visitor message (what they typed, trimmed). */
export function findContact(text: string): Contact {
  const contact: Contact = {};
  const email = EMAIL.exec(text)?.[0];
  if (email) contact.email = email.replace(/\.$/, '');
  const withoutEmail = email ? text.replace(email, ' ') : text;
  for (const match of withoutEmail.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, '').length;
    if (digits >= 9 && digits <= 15 && !ISO_DATE.test(candidate)) {
      contact.phone = candidate;
      break;
    }
  }
  return contact;
}

/** How to show a contact to the visitor: the email, else the phone. */
export function contactLabel(contact: Contact | undefined): string | undefined {
  return contact?.email ?? contact?.phone;
}

/** What the message says besides the email/phone (e.g. "tomorrow after 2pm"), or undefined when that is all it says. */
export function withoutContact(text: string, found: Contact): string | undefined {
  let rest = text;
  for (const value of [found.email, found.phone]) if (value) rest = rest.replace(value, ' ');
  rest = rest.replace(/\s+([,.;:!?])/g, '$1').replace(/^[\s,.;:-]+|[\s,;:-]+$/g, '').replace(/\s{2,}/g, ' ');
  // The word that led to the contact goes with it ("lundi 9h au 01 23…" → "lundi 9h").
  rest = rest.replace(/\s+(?:au|à|a|sur|par|via|at|on|to)$/i, '');
  return (rest.match(/[\p{L}\p{N}]/gu) ?? []).length >= 3 ? rest : undefined;
}
