import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../src/extraction/detect-locale.js';

describe('detectLocale', () => {
  // French, English and German (LOCALES): function words, accents and umlauts, elisions and contractions.
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
    // Words German shares with English typing habits ("im", "um") are not counted as German.
    ['im the ceo', 'en'],
    ['um, not sure yet', 'en'],
    ['Wir brauchen mehr qualifizierte Termine für unseren Vertrieb.', 'de'],
    ['Ich bin der Geschäftsführer', 'de'],
    ['In drei Monaten', 'de'],
    ['Budget ist freigegeben', 'de'],
    ['Ja', 'de'],
    ['Hallo', 'de'],
    ['Größe: 45 Mitarbeiter', 'de'],
    ['Das Budget wird noch besprochen', 'de'],
  ])('%s → %s', (text, locale) => {
    expect(detectLocale(text)).toBe(locale);
  });

  it.each(['ok', '40k€', 'CEO', 'asap', '', '   ', '👍', '06 12 34 56 78'])('cannot tell from "%s"', (text) => {
    expect(detectLocale(text)).toBeUndefined();
  });
});
