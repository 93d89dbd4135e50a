import { describe, expect, it } from 'vitest';
import { maskDeep, maskPii } from '../../src/privacy/mask-pii.js';

describe('maskPii', () => {
  it.each([
    ['Écrivez-moi à jean.dupont@exemple.fr merci', 'Écrivez-moi à [email] merci'],
    ['mon portable : 06 12 34 56 78.', 'mon portable : [phone].'],
    ['tel:0612345678', 'tel:[phone]'],
    ['(+33) 6 12 34 56 78', '([phone]'],
    ['0033 6.12.34.56.78 ou 06-12-34-56-78', '[phone] ou [phone]'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189 !', 'IBAN [iban] !'],
    ['IBAN FR7630006000011234567890189', 'IBAN [iban]'],
  ])('masks %j', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it('leaves no digit of a lower-case IBAN run visible', () => {
    expect(maskPii('iban fr76 3000 6000 0112 3456 7890 189')).not.toMatch(/3000|6000|7890/);
  });

  it.each([
    // Ids whose groups happen to be all digits: not phone numbers, and logs need them intact.
    ['conversation 737b8190-1234-4567-8901-a2f0c6b8b3d1'],
    ['lead 12345678-9012-4abc-8def-0123456789ab'],
    ['widget c_Ab123456789012345_xyZ'],
    ['at 2026-11-26T10:00:00.000Z, 3 leads, score 100, port 127.0.0.1:41234'],
  ])('keeps %j readable', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  it('masks every string of a nested log payload and keeps an Error readable', () => {
    const masked = maskDeep({ contact: { email: 'a.b@c.fr', phones: ['06 12 34 56 78'] }, err: new Error('no route to +33612345678') }) as Record<string, any>;
    expect(masked.contact).toEqual({ email: '[email]', phones: ['[phone]'] });
    expect(masked.err).toMatchObject({ type: 'Error', message: 'no route to [phone]' });
  });

  it('does not pass objects nested beyond its depth limit through unmasked', () => {
    let nested: unknown = { text: 'joignable au 06 12 34 56 78' };
    for (let level = 0; level < 10; level += 1) nested = { level: nested };
    expect(JSON.stringify(maskDeep(nested))).not.toContain('06 12 34 56 78');
  });
});
