import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-smoke-'));
const outFile = join(outDir, 'results.md');

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** `npm run bench -- --smoke`, as a child process: exit code and everything it printed. */
function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only what node needs: no OPENAI_API_KEY or DATABASE_URL from the developer's shell changes the mode.
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TEST_DATABASE_URL', 'BENCH_DATABASE_URL']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  // CI runs this beside the test lanes: a server warming its language models then takes longer to start.
  env.BENCH_START_TIMEOUT_MS = '150000';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', outFile], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The Markdown table row whose first cell starts with `label` (bold marks ignored), split into cells. */
function row(stdout: string, label: string): string[] {
  const line = stdout
    .split('\n')
    .map((candidate) => candidate.replaceAll('*', ''))
    .find((candidate) => candidate.startsWith(`| ${label}`));
  if (!line) throw new Error(`no row "${label}" in:\n${stdout}`);
  return line.split('|').slice(1, -1).map((cell) => cell.trim());
}

const number = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', '').split(' ')[0]);

describe('npm run bench -- --smoke', () => {
  it('runs every section with tiny numbers, exits 0 and writes no results file', { timeout: 240_000 }, async () => {
    const { code, stdout, stderr } = await runSmoke();
    expect(code, `stderr:\n${stderr}\nstdout:\n${stdout}`).toBe(0);
    for (const heading of [
      '## 1. Turn throughput through /api/messages',
      '## 2. Qualification conversations through the replay engine',
      '## 3. 4 simultaneous widget conversations on one instance',
      '## 4. Storage: statements per turn and turn time, per engine',
      '## 5. Widget download sizes',
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(existsSync(outFile)).toBe(false);

    // 1: all four servers answered turns, each next to the same load.
    for (const label of ['bare echo bot', 'bare two-question waterfall', 'same waterfall made durable', 'Qualibot (rules extractor']) {
      const [, turnsPerSecond, , , , , errors] = row(stdout, label);
      expect(number(turnsPerSecond)).toBeGreaterThan(0);
      expect(errors).toBe('0');
    }
    expect(stdout).toMatch(/Qualibot: \*\*[\d.]+%\*\* of the bare echo bot's turns\/s/);
    expect(stdout).toMatch(/made durable with botbuilder's own parts .* reaches \*\*[\d.]+%\*\* of echo/);

    // 2: the replayed conversations reached their labelled routes in rules mode; LLM mode called the model.
    const [, conversationsPerSecond, , , , asLabelled] = row(stdout, 'Qualibot, rules');
    expect(number(conversationsPerSecond)).toBeGreaterThan(0);
    expect(asLabelled).toMatch(/^\d+\/4$/);
    expect(stdout).toMatch(/LLM calls per conversation: \*\*[1-9][\d.]*\*\*/);
    // Every extraction used the model's answer: one entry, no `rules (llm fallback: …)` one.
    // Model calls on the messages it can add to; short explicit answers are read by the rules alone.
    expect(stdout).toMatch(/Extractions by extractor: `llm\+rules` [1-9]\d*(?:, `rules \(llm not needed\)` \d+)? \(a /);

    // 3: every widget visitor connected and conversed without errors, on both servers.
    for (const label of ['bare `ws` relay (baseline), smoke', 'Qualibot (LLM mode, SQLite), smoke']) {
      const [, connected, messages, , , errors] = row(stdout, label);
      expect(connected).toBe('4/4');
      expect(number(messages)).toBeGreaterThan(0);
      expect(errors).toBe('0');
    }

    // 4: SQLite turns write (dedupe, transcript, state…); PostgreSQL is measured or visibly skipped.
    const [, , , writesPerTurn, , , , , failed] = row(stdout, 'SQLite (file, WAL)');
    expect(number(writesPerTurn)).toBeGreaterThan(0);
    expect(failed).toBe('0');
    expect(/\| PostgreSQL \|/.test(stdout) || stdout.includes('**PostgreSQL skipped:**')).toBe(true);

    // 5: the loader is the small part every page pays.
    expect(number(row(stdout, 'widget.js (loader, every page)')[2])).toBeGreaterThan(0);
  });
});
