import { describe, expect, it } from 'vitest';
import { contactLabel, findContact, withoutContact } from '../../src/handoff/contact-capture.js';

describe('contact capture', () => {
  it('finds an email address in a sentence', () => {
    expect(findContact('Sure, it is claire.martin@acme-industrie.fr.')).toEqual({ email: 'claire.martin@acme-industrie.fr' });
    expect(findContact('mail: J.Doe+sales@Example.co.uk thanks')).toEqual({ email: 'J.Doe+sales@Example.co.uk' });
  });

  it('finds French, international and US phone numbers as written', () => {
    expect(findContact('Mon numéro : 06 12 34 56 78')).toEqual({ phone: '06 12 34 56 78' });
    expect(findContact('call me on +33 6 12 34 56 78 after 2pm')).toEqual({ phone: '+33 6 12 34 56 78' });
    expect(findContact('(415) 555-0100 works')).toEqual({ phone: '(415) 555-0100' });
    expect(findContact('0044 20 7946 0958')).toEqual({ phone: '0044 20 7946 0958' });
  });

  it('finds both when both are given', () => {
    expect(findContact('paul@prospekt.example or 01.23.45.67.89')).toEqual({ email: 'paul@prospekt.example', phone: '01.23.45.67.89' });
  });

  it('does not mistake amounts, dates or times for phone numbers', () => {
    expect(findContact('budget 40 000 € per year')).toEqual({});
    expect(findContact('tomorrow 2026-11-27 at 10:30')).toEqual({});
    expect(findContact('le 27/11 vers 14h')).toEqual({});
    expect(findContact('we are 140 people')).toEqual({});
  });

  it('labels a contact by its email first', () => {
    expect(contactLabel({ email: 'a@b.fr', phone: '0612345678' })).toBe('a@b.fr');
    expect(contactLabel({ phone: '0612345678' })).toBe('0612345678');
    expect(contactLabel({})).toBeUndefined();
  });
});

describe('the callback time without the contact', () => {
  it('keeps what the visitor said besides the email or phone, or nothing when that was all', () => {
    expect(withoutContact('claire@acme.example, demain après 14h', { email: 'claire@acme.example' })).toBe('demain après 14h');
    expect(withoutContact('06 12 34 56 78 le matin svp', { phone: '06 12 34 56 78' })).toBe('le matin svp');
    expect(withoutContact('claire@acme.example.', { email: 'claire@acme.example' })).toBeUndefined();
    expect(withoutContact('lundi 9h au 01 23 45 67 89', { phone: '01 23 45 67 89' })).toBe('lundi 9h');
  });
});
