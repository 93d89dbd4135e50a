import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cueFile, languageFileNames, macroSource } from '../../src/extraction/rules/engine/cue-file.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { loadPlaybook } from '../../src/playbook/loader.js';

/**
 * What a company sells lives in its playbook, never in the engine: no phrase of the default company's offer or
 * problems (outsourced prospecting, dialogs/vocabularies/prospekt.yaml) appears in a language file's patterns
 * (their examples may use any business) or in the code that reads and scores a conversation.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ENGINE_CODE = ['extraction', 'dimensions', 'playbook', 'scoring', 'qualification', 'bot', 'prompts', 'replay'];

/** Job titles and functions every company's org chart has: role knowledge, not the offer ("I'm an SDR", "head of business development"). */
const ROLES = new Set(['sdr', 'sdrs', 'bdr', 'bdrs', 'business development', 'developpement commercial', 'bizdev', 'business developer', 'business developers', 'inside sales']);
/** Everyday words the offer also uses: "we spend hours hunting for files". */
const EVERYDAY = new Set(['hunting']);

function offerPhrases(): string[] {
  const { offer, problems } = loadPlaybook('champ').vocabulary;
  const all = [...offer.fr, ...offer.en, ...problems.fr, ...problems.en].map((phrase) => normalize(phrase));
  return [...new Set(all)].filter((phrase) => !ROLES.has(phrase) && !EVERYDAY.has(phrase));
}

/** Every pattern source of the language files, by where it is (examples and comments left out). */
function languagePatterns(): [string, string][] {
  const sources: [string, string][] = [];
  for (const name of languageFileNames()) {
    const file = cueFile(name);
    for (const [key, source] of Object.entries(file.macros)) sources.push([`${name}.yaml macros.${key}`, source]);
    for (const [list, entries] of Object.entries(file.lists)) entries.forEach((entry, index) => sources.push([`${name}.yaml lists.${list}[${index}]`, entry.fr ?? entry.en ?? '']));
    for (const [key, found] of Object.entries(file.terms)) sources.push([`${name}.yaml terms.${key}`, macroSource(found.pattern)]);
    for (const [key, rows] of Object.entries(file.tables)) {
      rows.forEach((row, index) => {
        const { examples: _examples, counterexamples: _counterexamples, ...pattern } = row;
        sources.push([`${name}.yaml tables.${key}[${index}]`, JSON.stringify(pattern)]);
      });
    }
  }
  return sources;
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? codeFiles(path) : /\.(ts|ya?ml|txt)$/.test(name) ? [path] : [];
  });
}

function said(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ -]');
  return new RegExp(`(?<![a-z])${escaped}(?![a-z])`);
}

describe('the engine knows no offer', () => {
  const phrases = offerPhrases();

  it('checks a real list: the default offer has dozens of phrases', () => {
    expect(phrases.length).toBeGreaterThan(40);
    expect(phrases).toContain('prospection');
    expect(phrases).toContain('cold calling');
  });

  it('no language file pattern names the default offer or its problems', () => {
    const found = languagePatterns().flatMap(([where, source]) => phrases.filter((phrase) => said(phrase).test(source)).map((phrase) => `${where}: "${phrase}"`));
    expect(found).toEqual([]);
  });

  it('no engine code (extraction, dimensions, playbook, scoring, dialogs, prompts, replay) names them, comments included', () => {
    const files = ENGINE_CODE.flatMap((dir) => codeFiles(join(SRC, dir))).filter((path) => !path.includes('/rules/language/'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((path) => {
      const text = normalize(readFileSync(path, 'utf8'));
      return phrases.filter((phrase) => said(phrase).test(text)).map((phrase) => `${path.slice(SRC.length)}: "${phrase}"`);
    });
    expect(found).toEqual([]);
  });

  it('would catch one: a pattern naming the offer is found', () => {
    expect(phrases.some((phrase) => said(phrase).test(normalize('(?:pas de|aucune) prospection')))).toBe(true);
  });
});
