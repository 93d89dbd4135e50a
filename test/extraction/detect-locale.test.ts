import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../src/extraction/detect-locale.js';

describe('detectLocale', () => {
  it.each([
    ["Nos commerciaux n'ont plus assez de rendez-vous.", 'fr'],
    ['Je me renseigne simplement', 'fr'],
    ['je decide pas c mon chef', 'fr'],
    ["D'ici la rentrée", 'fr'],
    ['Sous 3 mois', 'fr'],
    ['Oui', 'fr'],
    ['Bonjour', 'fr'],
    ['budget validé', 'fr'],
    ['Très urgent', 'fr'],
    ["I'm the CEO and we need more meetings.", 'en'],
    ['Within 3 months', 'en'],
    ['Budget approved', 'en'],
    ['Yes', 'en'],
    ['Hello', 'en'],
    ["It's just me", 'en'],
    ['need more mtgs for sales team', 'en'],
  ])('%s → %s', (text, locale) => {
    expect(detectLocale(text)).toBe(locale);
  });

  it.each(['ok', '40k€', 'CEO', 'asap', '', '   ', '👍', '06 12 34 56 78'])('cannot tell from "%s"', (text) => {
    expect(detectLocale(text)).toBeUndefined();
  });
});
