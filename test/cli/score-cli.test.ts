import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScore } from '../../src/cli/commands/score.js';
import { createLogger } from '../../src/logger.js';

/** `qualibot score` in-process: the facts file, the chosen playbook, and the user's mistakes. */
const dir = mkdtempSync(join(tmpdir(), 'qualibot-score-'));
const factsFile = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
const logger = createLogger('silent');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('qualibot score', () => {
  it('scores with the playbook named by --playbook, explaining each point', async () => {
    const file = factsFile('gpct.json', JSON.stringify({ facts: { goals: { value: 'clear_goal', evidence: 'double our pipeline' } } }));
    const { out } = capture();
    expect(await runScore([file, '--playbook', 'gpct'], logger)).toBe(0);
    expect(out[0]).toMatch(/^playbook gpct-outsourced-prospecting@/);
    expect(out.join('\n')).toContain('«double our pipeline»');
  });

  it('refuses a fact for a dimension the playbook does not have, naming the ones it has', async () => {
    const file = factsFile('money.json', JSON.stringify({ facts: { money: { value: 'confirmed' } } }));
    const { err } = capture();
    expect(await runScore([file, '--playbook', 'gpct'], logger)).toBe(2);
    expect(err.join('\n')).toMatch(/facts\.money: the playbook gpct-outsourced-prospecting has no such dimension \(it has: challenges, company, goals, plans, timeline\)/);
  });

  it('says the file is not JSON rather than crashing', async () => {
    const file = factsFile('broken.json', '{ facts: ');
    const { err } = capture();
    expect(await runScore([file], logger)).toBe(2);
    expect(err.join('\n')).toContain(`${file}: not JSON`);
  });

  it('names the field a malformed facts file gets wrong', async () => {
    const file = factsFile('bad.json', JSON.stringify({ facts: { money: { value: 3 } } }));
    const { err } = capture();
    expect(await runScore([file], logger)).toBe(2);
    expect(err.join('\n')).toMatch(/facts\.money\.value: /);
  });
});
