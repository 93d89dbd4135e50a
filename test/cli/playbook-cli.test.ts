import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../helpers/child-app.js';

const dir = mkdtempSync(join(tmpdir(), 'qualibot-playbook-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a sales-ops author runs (README, "Qualify for your own business"), as real processes. */
describe('qualibot playbook new / check, as an author runs them', { timeout: 60_000 }, () => {
  const file = join(dir, 'acme.yaml');

  it('new writes a valid commented playbook and refuses to overwrite it; check passes it and prints coverage', async () => {
    const created = await runCli(['playbook', 'new', 'Acme Maintenance', '--out', file], {});
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('name: "Acme Maintenance"');

    const again = await runCli(['playbook', 'new', 'Acme Maintenance', '--out', file], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const checked = await runCli(['playbook', 'check', file], {});
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('valid — Acme Maintenance (CHAMP, 5 dimensions, 5 knockouts)');
    expect(checked.stdout).toContain('Examples: 0 run');
    expect(checked.stdout).toContain('levels read from your words, without examples: challenge.clear_problem (fr, en)');
  });

  it('check exits 1 on an example the reader gets wrong, and on a bad field, naming it', async () => {
    const data = parse(readFileSync(file, 'utf8'));
    data.vocabulary.problems = { fr: ['pannes', 'arrêts de production'], en: ['breakdowns', 'downtime'] };
    data.dimensions[0].levels[0].examples = { fr: ['On a des pannes toutes les semaines'], en: ['Everything is fine here'] };
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, stringify(data));
    const failed = await runCli(['playbook', 'check', wrong], {});
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Examples: 2 run, 1 read as written, 1 not:');
    expect(failed.stdout).toContain('✗ dimensions.challenge.levels.clear_problem.examples.en[0]: "Everything is fine here"');

    data.dimensions[0].weight = 'lots';
    const invalid = join(dir, 'invalid.yaml');
    writeFileSync(invalid, stringify(data));
    const rejected = await runCli(['playbook', 'check', invalid], {});
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain(invalid);
    expect(rejected.stderr).toContain('dimensions[0] (challenge).weight');
  });

  it('check --cases lists the words a labelled set never says; usage errors exit 2', async () => {
    const coverage = await runCli(['playbook', 'check', 'dialogs/playbooks/hr-payroll.yaml', '--cases', 'test/hr-payroll'], {});
    expect(coverage.code).toBe(0);
    expect(coverage.stdout).toMatch(/labelled set test\/hr-payroll: 54 cases, \d+ visitor messages; phrases never said:/);
    expect(coverage.stdout).toMatch(/vocabulary\.problems\.(fr|en): "/);
    expect((await runCli(['playbook', 'check'], {})).code).toBe(2);
    expect((await runCli(['playbook', 'check', 'champ', '--cases', join(dir, 'nowhere')], {})).code).toBe(2);
    expect((await runCli(['playbook', 'frobnicate'], {})).code).toBe(2);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});
