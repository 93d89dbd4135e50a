import { describe, expect, it } from 'vitest';
import { mergeExtractions } from '../../src/extraction/merge-extractions.js';
import { hasLexicon, lexiconLocales } from '../../src/extraction/rules/lexicon-locales.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { NO_USAGE, type Locale } from '../../src/qualification/types.js';

const playbook = loadPlaybook('champ');
const rules = new RulesExtractor(playbook, { warmUp: false });
const read = (text: string, locale: Locale) => rules.read({ text, locale, turn: 1, known: {}, history: [] });

describe('a language without a rules lexicon', () => {
  it('is known from the language files: French and English have cues, German has none', () => {
    expect([...lexiconLocales()].sort()).toEqual(['en', 'fr']);
    expect(hasLexicon('de')).toBe(false);
  });

  it('is not read with another language’s lexicon, whatever the conversation’s locale', () => {
    // In English these words disqualify (below the ICP size) and score (a CEO, an amount).
    expect(read('Only me, freelancer.', 'en').knockouts.map((hit) => hit.id)).toEqual(['below_icp_size']);
    expect(read("I'm the CEO, we have 40k€ of budget.", 'en').facts.length).toBeGreaterThan(0);
    for (const locale of ['de', 'en', 'fr'] as const) {
      for (const text of ['Nur ich, Freelancer.', 'Ich bin CEO, wir haben 40k€ Budget.']) {
        const reading = read(text, locale);
        expect(reading, `${text} (${locale})`).toMatchObject({ facts: [], knockouts: [], notRead: true, extractor: 'rules (no lexicon: de)' });
      }
    }
  });

  it('still reads contact details, which need no language', () => {
    expect(read('Meine E-Mail: anna.schmidt@beispiel.de', 'de')).toMatchObject({ facts: [], contact: { email: 'anna.schmidt@beispiel.de' }, notRead: true });
  });

  it('leaves the LLM’s knockouts undisputed: rules that could not read have no opinion', () => {
    const unread = { ...read('Nur ich, Freelancer.', 'de') };
    const llm = { facts: [], knockouts: [{ id: 'below_icp_size', evidence: 'Nur ich, Freelancer.', turn: 1, source: 'llm' as const }], contact: {}, usage: NO_USAGE, extractor: 'llm' };
    const merged = mergeExtractions(playbook, unread, llm);
    expect(merged.knockouts.map((hit) => hit.id)).toEqual(['below_icp_size']);
    expect(merged.disputedKnockouts).toBeUndefined();
  });
});
