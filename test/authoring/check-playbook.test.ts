import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkPlaybook, formatCheckReport } from '../../src/authoring/check-playbook.js';
import { playbookSlug, scaffoldPlaybook } from '../../src/authoring/scaffold-playbook.js';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/loader.js';
import type { Playbook } from '../../src/playbook/schema.js';

const SHIPPED = ['champ', 'bant', 'gpct', 'meddicc', 'dialogs/playbooks/hr-payroll.yaml', 'dialogs/playbooks/erp-integration.yaml'];

const dir = mkdtempSync(join(tmpdir(), 'qualibot-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** HR/payroll with one level's examples and one knockout's counterexamples replaced. */
function hrWith(change: (playbook: Playbook) => void): Playbook {
  const copy = structuredClone(loadPlaybook('dialogs/playbooks/hr-payroll.yaml'));
  change(copy);
  return parsePlaybook(copy);
}

describe('qualibot playbook check', () => {
  it.each(SHIPPED)('every example and counterexample of %s is read as written', (name) => {
    const report = checkPlaybook(loadPlaybook(name));
    expect(report.failures).toEqual([]);
  });

  it('names the texts a playbook leaves in English for want of a language', () => {
    const hr = loadPlaybook('dialogs/playbooks/hr-payroll.yaml');
    const report = checkPlaybook(hr);
    expect(report.untranslated).toContain('messages.greeting (de)');
    expect(formatCheckReport('hr.yaml', hr, report)).toContain('! messages.greeting (de)');
    expect(checkPlaybook(loadPlaybook('champ')).untranslated).toEqual([]);
  });

  it('runs examples: names where a wrong one is, what was read, and a counterexample that is read', () => {
    const playbook = hrWith((copy) => {
      const challenge = copy.dimensions.find((dimension) => dimension.id === 'challenge')!;
      challenge.levels.find((level) => level.id === 'clear_problem')!.examples = { fr: ['Nos bulletins de paie sont pleins d’erreurs'], en: ['Just browsing, thanks'], de: [] };
      copy.knockouts.find((knockout) => knockout.id === 'private_employer')!.counterexamples = { fr: [], en: ['I employ a nanny for my kids'], de: [] };
    });
    const report = checkPlaybook(playbook);
    expect(report.failures).toEqual([
      { where: 'dimensions.challenge.levels.clear_problem.examples.en[0]', sentence: 'Just browsing, thanks', read: expect.stringMatching(/^(read as vague_interest|nothing read)$/) },
      { where: 'knockouts.private_employer.counterexamples.en[0]', sentence: 'I employ a nanny for my kids', read: 'knockouts seen: private_employer' },
    ]);
    const text = formatCheckReport('hr.yaml', playbook, report);
    expect(text).toContain(`${report.failures.length} not:`);
    expect(text).toContain('✗ knockouts.private_employer.counterexamples.en[0]: "I employ a nanny for my kids" — knockouts seen: private_employer');
  });

  it('judges an example by the level the scorer gives it: an amount under the minimum, a headcount under the ICP', () => {
    const playbook = hrWith((copy) => {
      const money = copy.dimensions.find((dimension) => dimension.kind === 'budget')!;
      money.levels.find((level) => level.id === 'below_minimum')!.examples = { fr: [], en: ['We can spend 100 euros a year on it.'], de: [] };
      money.levels.find((level) => level.id === 'allocated')!.examples = { fr: [], en: ['We can spend 100 euros a year on it.'], de: [] };
      copy.knockouts.find((knockout) => knockout.signal === 'below_icp_size')!.examples = { fr: [], en: ['We are a team of two.'], de: [] };
    });
    const report = checkPlaybook(playbook);
    expect(report.failures).toEqual([
      { where: expect.stringMatching(/levels\.allocated\.examples\.en\[0\]$/), sentence: 'We can spend 100 euros a year on it.', read: 'read as below_minimum' },
    ]);
  });

  it('warns about a phrase two vocabulary lists of one language hold, not about one two dimensions share', () => {
    const playbook = hrWith((copy) => {
      copy.vocabulary = { problems: { fr: ['erreurs de paie'], en: ['payroll errors'], de: [] }, results: { fr: [], en: [], de: [] }, offer: { fr: ['logiciel de paie'], en: ['Payroll errors', 'payroll software'], de: [] } };
    });
    const report = checkPlaybook(playbook);
    expect(report.sharedPhrases).toEqual(['"payroll errors" (en): vocabulary.problems, vocabulary.offer']);
    expect(formatCheckReport('hr.yaml', playbook, report)).toContain('! "payroll errors" (en): vocabulary.problems, vocabulary.offer');
    expect(checkPlaybook(loadPlaybook('meddicc')).sharedPhrases).toEqual([]);
  });

  it("separates the levels and knockouts read from the playbook's own words from the built-in ones", () => {
    const report = checkPlaybook(loadPlaybook('champ'));
    expect(report.levelsWithoutExamples.own).toEqual(['challenge.clear_problem (fr, en)', 'challenge.vague_interest (fr, en)', 'challenge.none (fr, en)']);
    expect(report.levelsWithoutExamples.builtIn).toContain('authority.decision_maker (fr, en)');
    expect(report.knockoutsWithoutExamples.own).toEqual([]);
    expect(report.knockoutsWithoutExamples.builtIn).toContain('student (fr, en)');
    const hr = checkPlaybook(loadPlaybook('dialogs/playbooks/hr-payroll.yaml'));
    expect(hr.levelsWithoutExamples.own).toEqual(['challenge.none (fr, en)']);
  });

  it('lists the vocabulary a labelled set never says, per list and language', () => {
    const playbook = hrWith((copy) => {
      copy.vocabulary = { problems: { fr: ['erreurs de paie', 'retards de paie'], en: ['payroll errors'], de: [] }, results: { fr: [], en: [], de: [] }, offer: { fr: ['logiciel de paie'], en: ['payroll software'], de: [] } };
    });
    const cases = join(dir, 'cases');
    rmSync(cases, { recursive: true, force: true });
    const write = (name: string, body: object) => {
      mkdirSync(cases, { recursive: true });
      writeFileSync(join(cases, `${name}.json`), JSON.stringify(body));
    };
    write('fr-one', { id: 'fr-one', locale: 'fr-FR', answers: { challenge: "Trop d'erreurs de paie chaque mois" }, expect: { route: 'nurture' } });
    write('en-one', { id: 'en-one', locale: 'en-GB', visitor: ['We need payroll software', 'Our payroll errors cost us'] });
    const report = checkPlaybook(playbook, { labelledDir: cases });
    expect(report.labelledSet).toMatchObject({ cases: 2, messages: 3 });
    expect(report.labelledSet!.neverSaid).toContain('vocabulary.problems.fr: "retards de paie"');
    expect(report.labelledSet!.neverSaid).toContain('vocabulary.offer.fr: "logiciel de paie"');
    expect(report.labelledSet!.neverSaid.some((entry) => entry.includes('"payroll errors"') || entry.includes('"erreurs de paie"') || entry.includes('"payroll software"'))).toBe(false);
    expect(report.vocabularySize).toEqual({ fr: 3, en: 2 });
  });
});

describe('qualibot playbook new', () => {
  it('writes a commented playbook that is valid as it is, with the name in its texts', () => {
    const name = 'Sécurité "Ouest": MDR & SOC';
    const text = scaffoldPlaybook(name, 'securite-ouest.yaml');
    const playbook = parsePlaybook(parse(text));
    expect(playbook.id).toBe('securite-ouest-mdr-soc');
    expect(playbook.name).toBe(name);
    expect(playbook.messages.greeting.fr).toContain(name);
    expect(playbook.messages.greeting.en).toContain(name);
    expect(text).toContain('npx qualibot playbook check securite-ouest.yaml');
    expect(text.match(/^\s*#/gm)!.length).toBeGreaterThan(30);
    const report = checkPlaybook(playbook);
    expect(report.failures).toEqual([]);
    expect(report.vocabularySize).toEqual({ fr: 0, en: 0 });
    expect(formatCheckReport('securite-ouest.yaml', playbook, report)).toContain('without them the offline reader cannot read your buyers');
  });

  it('makes ids from any name', () => {
    expect(playbookSlug('Paysage RH — Paie & SIRH')).toBe('paysage-rh-paie-sirh');
    expect(playbookSlug('!!!')).toBe('playbook');
  });
});
