import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { missingLocaleTexts, warnMissingLocales } from '../../src/playbook/locale-fields.js';
import { loadPlaybook, resolvePlaybookPath } from '../../src/playbook/loader.js';
import { LOCALES } from '../../src/qualification/types.js';

const tempDir = mkdtempSync(join(tmpdir(), 'qualibot-playbook-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A fresh, mutable copy of the shipped CHAMP playbook as plain data (its site pages and vocabulary file named absolutely: the copy lives elsewhere). */
function champData(): any {
  const data = parse(readFileSync(resolvePlaybookPath('champ'), 'utf8'));
  const shipped = dirname(resolvePlaybookPath('champ'));
  data.site = { fr: resolve(shipped, data.site.fr), en: resolve(shipped, data.site.en) };
  data.vocabulary = resolve(shipped, data.vocabulary);
  return data;
}

/** Writes a broken copy of champ.yaml to the temp dir and returns its path. */
function writeBroken(name: string, breakIt: (data: any) => void): string {
  const data = champData();
  breakIt(data);
  const file = join(tempDir, `${name}.yaml`);
  writeFileSync(file, stringify(data));
  return file;
}

/** Loads the file and returns the ConfigError it must throw. */
function loadError(file: string): ConfigError {
  try {
    loadPlaybook(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('config_invalid');
    return error as ConfigError;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('shipped playbooks', () => {
  it('loads champ with its CHAMP dimensions in order', () => {
    const playbook = loadPlaybook('champ');
    expect(playbook.framework).toBe('CHAMP');
    expect(playbook.dimensions.map((d) => d.id)).toEqual(['challenge', 'company', 'authority', 'money', 'prioritization']);
  });

  it('loads bant with BANT order, kinds, weights summing to 100 and the thresholds', () => {
    const playbook = loadPlaybook('bant');
    expect(playbook.framework).toBe('BANT');
    expect(playbook.id).toBeTruthy();
    expect(playbook.version).toBeTruthy();
    expect(playbook.dimensions.map((d) => [d.id, d.kind])).toEqual([
      ['budget', 'budget'],
      ['authority', 'authority'],
      ['need', 'need'],
      ['timing', 'timeline'],
      ['company', 'company'],
    ]);
    expect(playbook.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
    expect(playbook.dimensions.find((d) => d.id === 'company')?.weight).toBe(0);
    expect(playbook.thresholds).toEqual({ handoff: 70, warm: 40 });
    expect(playbook.dimensions.find((d) => d.id === 'budget')?.minimumYearlyAmount).toBeGreaterThan(0);
  });

  it('bant has quick replies for budget and timing, and the same knockouts as champ', () => {
    const bant = loadPlaybook('bant');
    const champ = loadPlaybook('champ');
    expect(bant.dimensions.find((d) => d.id === 'budget')?.quickReplies.length).toBeGreaterThan(0);
    expect(bant.dimensions.find((d) => d.id === 'timing')?.quickReplies.length).toBeGreaterThan(0);
    expect(bant.knockouts.map((k) => k.id).sort()).toEqual(champ.knockouts.map((k) => k.id).sort());
    expect(bant.knockouts.map((k) => k.id).sort()).toEqual(['below_icp_size', 'job_seeker', 'no_need', 'student', 'vendor']);
  });

  it('bant words its visitor texts differently from champ, in both locales', () => {
    const bant = loadPlaybook('bant');
    const champ = loadPlaybook('champ');
    const pairs: Array<[string, string]> = [
      ['budget', 'money'],
      ['authority', 'authority'],
      ['need', 'challenge'],
      ['timing', 'prioritization'],
      ['company', 'company'],
    ];
    for (const [bantId, champId] of pairs) {
      const b = bant.dimensions.find((d) => d.id === bantId)!;
      const c = champ.dimensions.find((d) => d.id === champId)!;
      for (const locale of LOCALES) {
        expect(b.question[locale]).not.toBe(c.question[locale]);
        expect(b.clarification[locale]).not.toBe(c.clarification[locale]);
      }
    }
    for (const knockout of bant.knockouts) {
      const twin = champ.knockouts.find((k) => k.id === knockout.id)!;
      for (const locale of LOCALES) expect(knockout.close[locale]).not.toBe(twin.close[locale]);
    }
    for (const locale of LOCALES) expect(bant.messages.greeting[locale]).not.toBe(champ.messages.greeting[locale]);
  });

  it('resolves a path as well as a name, and reads JSON too', () => {
    const json = join(tempDir, 'champ-copy.json');
    writeFileSync(json, JSON.stringify(champData()));
    expect(loadPlaybook(json).id).toBe(loadPlaybook('champ').id);
    expect(loadPlaybook(resolvePlaybookPath('bant')).framework).toBe('BANT');
  });
});

describe('invalid playbooks fail fast, naming the file and the field', () => {
  const cases: Array<{ name: string; breakIt: (data: any) => void; field: string; message: RegExp }> = [
    {
      name: 'missing English question',
      breakIt: (data) => delete data.dimensions[0].question.en,
      field: 'dimensions[0] (challenge).question.en',
      message: /expected string, received undefined/,
    },
    {
      name: 'non-numeric weight',
      breakIt: (data) => (data.dimensions[3].weight = 'heavy'),
      field: 'dimensions[3] (money).weight',
      message: /number/i,
    },
    {
      name: 'level points above the weight',
      breakIt: (data) => (data.dimensions[3].weight = 20),
      field: 'dimensions[3] (money).levels[0] (allocated).points',
      message: /25 points exceed the dimension weight 20/,
    },
    {
      name: 'unknown quick-reply level',
      breakIt: (data) => (data.dimensions[2].quickReplies[1].level = 'ceo'),
      field: 'dimensions[2] (authority).quickReplies[1].level',
      message: /unknown level "ceo"/,
    },
    {
      name: 'unknown level id for a built-in kind',
      breakIt: (data) => (data.dimensions[2].levels[0].id = 'boss'),
      field: 'dimensions[2] (authority).levels[0] (boss).id',
      message: /not one of decision_maker, influencer, no_role/,
    },
    {
      name: 'invalid regex pattern',
      breakIt: (data) => (data.knockouts[0].patterns = { fr: [], en: ['(unclosed'] }),
      field: 'knockouts[0] (student).patterns.en[0]',
      message: /not a valid regular expression/,
    },
    {
      name: 'warm threshold above handoff',
      breakIt: (data) => (data.thresholds.warm = 80),
      field: 'thresholds.warm',
      message: /must not exceed thresholds.handoff/,
    },
    {
      name: 'unexpected key (typo)',
      breakIt: (data) => (data.dimensions[4].wieght = 25),
      field: 'dimensions[4] (prioritization)',
      message: /wieght/,
    },
  ];

  for (const { name, breakIt, field, message } of cases) {
    it(`rejects ${name}`, () => {
      const file = writeBroken(name.replace(/\W+/g, '-'), breakIt);
      const error = loadError(file);
      expect(error.message).toContain(file);
      const line = error.message.split('\n').find((l) => l.includes(`- ${field}`));
      expect(line, `no line for ${field} in:\n${error.message}`).toBeDefined();
      expect(line).toMatch(message);
    });
  }

  it('rejects unparsable YAML with the file named', () => {
    const file = join(tempDir, 'unparsable.yaml');
    writeFileSync(file, 'id: broken\ndimensions: [\n  - { id: challenge\n');
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be parsed/);
  });

  it('rejects a missing file with the path and the PLAYBOOK value', () => {
    const file = join(tempDir, 'does-not-exist.yaml');
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/file not found/);
    expect(loadError('nosuchframework').message).toContain('nosuchframework.yaml');
  });

  it('the unbroken copy loads, so each case fails only for its own break', () => {
    const file = writeBroken('unbroken', () => {});
    expect(loadPlaybook(file).id).toBe('champ-outsourced-prospecting');
  });

  it("names the site page that is missing, read relative to the playbook's own folder", () => {
    mkdirSync(join(tempDir, 'pages'), { recursive: true });
    writeFileSync(join(tempDir, 'pages', 'fr.html'), '<html lang="fr"></html>');
    const relative = writeBroken('site-relative', (data) => (data.site = { fr: 'pages/fr.html', en: 'pages/fr.html' }));
    expect(loadPlaybook(relative).site).toEqual({ fr: join(tempDir, 'pages', 'fr.html'), en: join(tempDir, 'pages', 'fr.html') });
    const missing = writeBroken('site-missing', (data) => (data.site = { fr: 'pages/fr.html', en: 'pages/en.html' }));
    const error = loadError(missing);
    expect(error.message).toContain(missing);
    expect(error.message).toContain(`site.en: file not found (${join(tempDir, 'pages', 'en.html')})`);
  });

  it('reads a shared vocabulary file relative to the playbook, and names it when it is missing', () => {
    writeFileSync(join(tempDir, 'words.yaml'), stringify({ problems: { fr: ['pannes'], en: ['breakdowns'] } }));
    const shared = writeBroken('vocabulary-file', (data) => (data.vocabulary = 'words.yaml'));
    expect(loadPlaybook(shared).vocabulary.problems).toEqual({ fr: ['pannes'], en: ['breakdowns'], de: [] });
    expect(loadPlaybook(shared).vocabulary.offer).toEqual({ fr: [], en: [], de: [] });
    const missing = writeBroken('vocabulary-missing', (data) => (data.vocabulary = 'nowhere.yaml'));
    expect(loadError(missing).message).toContain(`vocabulary: file not found (${join(tempDir, 'nowhere.yaml')})`);
    writeFileSync(join(tempDir, 'bad-words.yaml'), stringify({ problems: { fr: ['pannes (.*)'] } }));
    const invalid = writeBroken('vocabulary-invalid', (data) => (data.vocabulary = 'bad-words.yaml'));
    expect(loadError(invalid).message).toMatch(/vocabulary\.problems\.fr/);
  });
});

describe('languages a playbook leaves out', () => {
  /** Removes every text of one locale (and its lists) from a copy of the playbook data. */
  const without = (data: any, locale: string): any => {
    if (Array.isArray(data)) return data.map((item) => without(item, locale));
    if (!data || typeof data !== 'object') return data;
    return Object.fromEntries(Object.entries(data).filter(([key]) => key !== locale).map(([key, value]) => [key, without(value, locale)]));
  };

  it.each(['champ', 'bant', 'gpct', 'meddicc'])('the shipped %s playbook is written in every locale', (name) => {
    expect(missingLocaleTexts(loadPlaybook(name))).toEqual([]);
  });

  it.each(['champ', 'bant', 'gpct', 'meddicc'])('%s: every question has quick replies, told apart in every locale (a click means one level)', (name) => {
    for (const dimension of loadPlaybook(name).dimensions) {
      // A visitor whose language the offline reader cannot read (German) answers by clicks alone.
      expect(dimension.quickReplies.length, dimension.id).toBeGreaterThan(1);
      for (const locale of LOCALES) {
        const labels = dimension.quickReplies.map((reply) => reply.label[locale].toLowerCase());
        expect(new Set(labels).size, `${dimension.id} (${locale})`).toBe(labels.length);
      }
    }
  });

  it('a playbook written in French and English only loads: German shows the English text, each text named once', () => {
    const file = join(tempDir, 'fr-en-only.yaml');
    writeFileSync(file, stringify(without(champData(), 'de')));
    const playbook = loadPlaybook(file);
    const challenge = playbook.dimensions[0]!;
    expect(challenge.question.de).toBe(challenge.question.en);
    expect(challenge.quickReplies[0]!.label.de).toBe('Not enough sales meetings');
    expect(playbook.messages.outcome.handoff.de).toBe(playbook.messages.outcome.handoff.en);
    expect(challenge.question.fr).toMatch(/Qu'est-ce qui vous amène/);
    const missing = missingLocaleTexts(playbook);
    expect(missing).toContain('dimensions[0].question (de)');
    expect(missing).toContain('dimensions[0].quickReplies[0].label (de)');
    expect(missing).toContain('messages.greeting (de)');
    expect(new Set(missing).size).toBe(missing.length);
    // Start-up says it once, with every text, and says nothing for a complete playbook.
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as Pick<Logger, 'warn'>;
    warnMissingLocales(playbook, logger);
    warnMissingLocales(loadPlaybook('champ'), logger);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toEqual({ playbook: playbook.id, texts: missing });
  });

  it('English is the one required locale: a text without it fails naming the field', () => {
    const file = writeBroken('no-english', (data) => delete data.dimensions[0].question.en);
    expect(loadError(file).message).toMatch(/dimensions\[0\] \(challenge\)\.question\.en/);
  });
});
