import { describe, expect, it } from 'vitest';
import { normalizeLocale, parsePageContext } from '../../../src/channels/widget/page-context.js';

describe('parsePageContext', () => {
  it('keeps the known fields and drops anything else', () => {
    expect(
      parsePageContext({
        pageUrl: 'https://prospekt.example/tarifs?utm_source=google',
        referrer: 'https://www.google.com/',
        pagesViewed: 4,
        visitedPricing: true,
        utm_source: 'google',
        utm_campaign: 'brand',
        injected: '<script>',
        score: 100,
      }),
    ).toEqual({
      pageUrl: 'https://prospekt.example/tarifs?utm_source=google',
      referrer: 'https://www.google.com/',
      pagesViewed: 4,
      visitedPricing: true,
      utm_source: 'google',
      utm_campaign: 'brand',
    });
  });

  it('drops malformed fields one by one instead of refusing the whole context', () => {
    expect(parsePageContext({ pageUrl: 42, pagesViewed: -3, utm_medium: 'cpc', visitedPricing: 'yes' })).toEqual({ utm_medium: 'cpc' });
    expect(parsePageContext('nonsense')).toEqual({});
    expect(parsePageContext(undefined)).toEqual({});
  });

  it("keeps the visitor's time zone only when it is an IANA zone (meeting slots are shown in it)", () => {
    expect(parsePageContext({ timeZone: 'America/New_York' })).toEqual({ timeZone: 'America/New_York' });
    expect(parsePageContext({ timeZone: 'Mars/Olympus_Mons', utm_medium: 'cpc' })).toEqual({ utm_medium: 'cpc' });
    expect(parsePageContext({ timeZone: 42 })).toEqual({});
  });

  it('clips very long values', () => {
    const context = parsePageContext({ pageUrl: `https://x.example/${'a'.repeat(5000)}`, utm_term: 'b'.repeat(500) });
    expect(String(context.pageUrl).length).toBe(2048);
    expect(String(context.utm_term).length).toBe(200);
  });
});

describe('normalizeLocale', () => {
  it('maps page languages to the widget locales, one per locale the bot speaks', () => {
    expect(normalizeLocale('fr')).toBe('fr-FR');
    expect(normalizeLocale('fr-CA')).toBe('fr-FR');
    expect(normalizeLocale('en-GB')).toBe('en-US');
    expect(normalizeLocale('de-DE')).toBe('de-DE');
    expect(normalizeLocale('de-AT')).toBe('de-DE');
    expect(normalizeLocale('es-ES')).toBe('en-US');
    expect(normalizeLocale(undefined, 'fr-FR')).toBe('fr-FR');
  });
});

describe('invisible controls in the page context (security probe finding 8, #21)', () => {
  it('strips bidi overrides and zero-width characters from every text field, as the transcript does', () => {
    const context = parsePageContext({
      pageTitle: 'Tarifs \u202Etxt.exe\u202C',
      pageUrl: 'https://prospekt.example/\u200Btarifs',
      referrer: '\u2066https://evil.example/\u2069',
      utm_campaign: 'brand\uFEFF\u200D',
    });
    expect(context).toEqual({ pageTitle: 'Tarifs txt.exe', pageUrl: 'https://prospekt.example/tarifs', referrer: 'https://evil.example/', utm_campaign: 'brand' });
    for (const value of Object.values(context)) expect(String(value)).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u);
  });
});
