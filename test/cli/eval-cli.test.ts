import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/child-app.js';

const dir = mkdtempSync(join(tmpdir(), 'qualibot-eval-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The labelled sets run in-process (test/labelled-sets.test.ts); this is the one run of the real command. */
describe('qualibot eval, as an operator runs it', { timeout: 60_000 }, () => {
  it('replays a folder, prints accuracy and the confusion matrix, and exits 0 at or above --min', async () => {
    for (const id of ['fr-example-hot', 'en-example-sequential-disqualify']) cpSync(`test/conversations/${id}.json`, join(dir, `${id}.json`));
    const result = await runCli(['eval', dir, '--playbook', 'champ', '--min', '1'], {});
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('cases: 2  correct: 2  accuracy: 100.0%');
    expect(result.stdout).toMatch(/handoff\/high_score/);
    expect(result.code).toBe(0);
  });

  it('exits 1 naming the shortfall when accuracy is below --min, and 2 on a bad --min', async () => {
    // The cases answer CHAMP's questions; under the BANT playbook (other dimension ids) the hot visitor leaves unanswered.
    const wrongPlaybook = await runCli(['eval', dir, '--playbook', 'bant', '--min', '1'], {});
    expect(wrongPlaybook.stdout).toContain('misrouted:');
    expect(wrongPlaybook.stderr).toMatch(/Accuracy \d+\.\d% is below --min 100\.0%/);
    expect(wrongPlaybook.code).toBe(1);
    const badMin = await runCli(['eval', dir, '--playbook', 'champ', '--min', '1.5'], {});
    expect(badMin.stderr).toContain('--min must be a ratio between 0 and 1');
    expect(badMin.code).toBe(2);
  });

  it('answers --help with the command\'s usage, and a mistyped option with exit 2 and the usage, not a stack trace', async () => {
    const help = await runCli(['eval', '--help'], {});
    expect(help.stdout).toMatch(/^Usage: qualibot eval DIR/);
    expect(help.code).toBe(0);
    const mistyped = await runCli(['eval', dir, '--minimum', '1'], {});
    expect(mistyped.stderr).toMatch(/Unknown option '--minimum'[\s\S]*Usage: qualibot eval DIR/);
    expect(mistyped.stderr).not.toMatch(/\n\s+at /);
    expect(mistyped.code).toBe(2);
  });
});
