import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMatches } from '../../src/extraction/rules/engine/all-matches.js';
import { compileCues, type Cue, type CueSpec } from '../../src/extraction/rules/engine/cue.js';
import { compileGatedRegExps, PrefilteredRegExp } from '../../src/extraction/rules/engine/literal-prefilter.js';
import { matchCues } from '../../src/extraction/rules/engine/match-cues.js';
import { knockoutPatternCues } from '../../src/extraction/rules/engine/playbook-patterns.js';
import { requiredLiterals } from '../../src/extraction/rules/engine/required-literals.js';
import { AUTHORITY_CUES } from '../../src/extraction/rules/lexicon/authority.js';
import { BUDGET_CUES } from '../../src/extraction/rules/lexicon/budget.js';
import { SIZE_CUES, SOLO_CUES } from '../../src/extraction/rules/lexicon/company.js';
import { CORRECTION_MARKERS } from '../../src/extraction/rules/lexicon/corrections.js';
import { KNOCKOUT_CUES } from '../../src/extraction/rules/lexicon/knockouts.js';
import { NEED_CUES, NEED_HEDGES } from '../../src/extraction/rules/lexicon/need.js';
import { TIME_PHRASES } from '../../src/extraction/rules/lexicon/timeline.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';
import { loadPlaybook } from '../../src/playbook/loader.js';

const TIME_CUES: CueSpec[] = TIME_PHRASES.map((phrase, index) => ({ level: String(index), fr: phrase.fr, en: phrase.en, ignoreNegation: true }));
const LEXICONS: Record<string, readonly CueSpec[]> = {
  AUTHORITY_CUES,
  BUDGET_CUES,
  SIZE_CUES,
  SOLO_CUES,
  CORRECTION_MARKERS,
  KNOCKOUT_CUES,
  NEED_CUES,
  NEED_HEDGES,
  TIME_CUES,
};
const LEXICON_CUES = Object.entries(LEXICONS).map(([name, specs]) => [name, compileCues(specs)] as const);

/** The same cues without their gate: every regex runs, as before the prefilter. */
function ungated(cues: readonly Cue[]): Cue[] {
  return cues.map((cue) => ({ ...cue, gate: [] }));
}

function expectSameMatches(cues: readonly Cue[], text: string): void {
  const folded = normalize(text);
  const segments = segment(folded);
  expect(matchCues(cues, { folded, segments }), JSON.stringify(text)).toEqual(matchCues(ungated(cues), { folded, segments }));
}

/** Every visitor message of the labelled conversations. */
function labelledMessages(): string[] {
  const messages: string[] = [];
  for (const dir of ['conversations', 'holdout', 'holdout-2', 'injection']) {
    const folder = join(import.meta.dirname, '..', dir);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      const conversation = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { visitor?: string[]; answers?: Record<string, string> };
      messages.push(...(conversation.visitor ?? Object.values(conversation.answers ?? {})));
    }
  }
  return messages;
}

describe('PrefilteredRegExp', () => {
  it('skips a text without the literals, and runs on one that has them', () => {
    const pipeline = new PrefilteredRegExp(/\b(?:pipeline|pipe)\b/);
    expect(pipeline.mayMatch('on manque de rendez-vous')).toBe(false);
    expect(pipeline.test('on manque de rendez-vous')).toBe(false);
    expect(pipeline.mayMatch('le pipe est vide')).toBe(true);
    expect(pipeline.test('le pipe est vide')).toBe(true);
    // Present but not as a whole word: the prefilter lets it through, the regex decides.
    expect(pipeline.test('pipelines')).toBe(false);
  });

  it('tests a part of a text with the scan of the whole', () => {
    const start = new PrefilteredRegExp(/\bdemarr\w*/);
    const message = 'budget valide. on veut demarrer en mars';
    expect(start.test('budget valide', message)).toBe(false);
    expect(start.test('on veut demarrer en mars', message)).toBe(true);
  });

  it('leaves lastIndex as a failed test would', () => {
    const regex = /mars/g;
    const month = new PrefilteredRegExp(regex);
    expect(month.test('en mars et mars')).toBe(true);
    expect(regex.lastIndex).toBe(7);
    expect(month.test('en avril')).toBe(false);
    expect(regex.lastIndex).toBe(0);
  });

  it('finds what matchAll finds', () => {
    const digits = new PrefilteredRegExp(/\d+/g);
    expect(digits.matchAll('4 000 € et 12 mois').map((match) => [match[0], match.index])).toEqual([
      ['4', 0],
      ['000', 2],
      ['12', 11],
    ]);
    expect(digits.matchAll('aucun chiffre')).toEqual([]);
  });

  it('looks for the literals of a case-insensitive pattern with its own case folding', () => {
    // "İ" folds to a capital "I" and "ſ" stays as it is: only the pattern's own flags find them.
    const city = new PrefilteredRegExp(/istanbul|sas/iu);
    expect(city.test(normalize('Bureau à İstanbul'))).toBe(true);
    expect(city.test(normalize('une ſaſ'))).toBe(true);
    expect(city.test(normalize('bureau a paris'))).toBe(false);
  });
});

describe('compileGatedRegExps', () => {
  it('runs the gated regexes ahead of time without moving their lastIndex', () => {
    const regex = /up/g;
    regex.lastIndex = 6;
    const pattern = new PrefilteredRegExp(regex);
    compileGatedRegExps();
    expect(regex.lastIndex).toBe(6);
    expect(pattern.matchAll('warm up').map((match) => match.index)).toEqual([]);
    regex.lastIndex = 0;
    expect(pattern.matchAll('warm up').map((match) => match.index)).toEqual([5]);
  });
});

describe('allMatches', () => {
  it.each([
    [/a*/g, 'baaab'],
    [/(?:)/gu, 'a😀b'],
    [/\d{1,2}(?=\/)/g, '30/09/2026, 1/2'],
    [/(?<day>\d+) (?<month>mars|avril)/g, 'le 3 mars ou le 12 avril'],
  ])('%s on %s: the matches of matchAll, lastIndex untouched', (regex, text) => {
    regex.lastIndex = 0;
    const expected = [...text.matchAll(regex)];
    expect(allMatches(regex, text)).toEqual(expected);
    expect(regex.lastIndex).toBe(0);
  });
});

describe('matchCues with the literal prefilter', () => {
  it('finds exactly what running every regex finds, on every labelled visitor message', () => {
    const messages = labelledMessages();
    expect(messages.length).toBeGreaterThan(1000);
    for (const [, cues] of LEXICON_CUES) for (const message of messages) expectSameMatches(cues, message);
  });

  it('finds exactly what running every regex finds, on messages made of lexicon words', () => {
    const words = [...new Set(LEXICON_CUES.flatMap(([, cues]) => cues.flatMap((cue) => requiredLiterals(cue.regex).flat())))];
    const filler = ['je', 'suis', 'nous', 'on', 'pas', 'ne', "n'", 'le', 'la', 'de', 'des', 'we', 'i', 'not', 'the', 'a', '40', '3', 'k€', 'mois', 'budget'];
    const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', ' - ', "'", '');
    const message = fc
      .array(fc.tuple(fc.constantFrom(...words, ...filler), separator), { minLength: 1, maxLength: 14 })
      .map((parts) => parts.map(([word, after]) => word + after).join(''));
    const cues = LEXICON_CUES.flatMap(([, list]) => list);
    fc.assert(
      fc.property(message, (text) => expectSameMatches(cues, text)),
      { numRuns: 1500 },
    );
    // Thousands of regex scans per run: seconds of CPU, more on a loaded machine.
  }, 60_000);

  it('finds exactly what running every regex finds for a playbook’s own patterns', () => {
    const champ = loadPlaybook('champ');
    const knockout = champ.knockouts[0];
    if (!knockout) throw new Error('the champ playbook has knockouts');
    const playbook = { ...champ, knockouts: [{ ...knockout, id: 'city', signal: undefined, patterns: { fr: ['İstanbul', 'ankara'], en: ['SAS'], de: [] } }] };
    const cues = knockoutPatternCues(playbook);
    for (const text of ['Bureau à İstanbul', 'ISTANBUL', 'une ſaſ', 'Ankara, Turquie', 'nous sommes à Paris', 'une SA']) expectSameMatches(cues, text);
    expect(matchCues(cues, { folded: normalize('Bureau à İstanbul'), segments: segment(normalize('Bureau à İstanbul')) })).toHaveLength(1);
  });
});
