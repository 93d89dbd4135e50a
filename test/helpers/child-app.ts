import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here, like `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a child gets from the test's own environment: enough to run node, nothing else. In particular
 * no OPENAI_API_KEY or DATABASE_URL leaks in from the developer's shell: each test states its config.
 */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Children still alive when the test process exits are killed, so a failed test leaves no server behind. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildAppOptions {
  /** Added to the minimal base environment (PORT defaults to 0, HOST to 127.0.0.1, LOG_LEVEL to info). */
  env?: Record<string, string>;
  /** How long to wait for the "Qualibot listening" line (default 45 s: tsx compiles on a cold start). */
  startTimeoutMs?: number;
}

/**
 * The real server as a separate process (`node --import tsx src/index.ts`), so a test can SIGKILL it
 * at any instant and start another one on the same data. Its stdout and stderr are captured whole.
 */
export class ChildApp {
  private stdout = '';
  private stderr = '';
  private readonly exited: Promise<ExitStatus>;

  private constructor(
    readonly process: ChildProcess,
    /** `http://127.0.0.1:<port>`, read from the server's own start-up log line. */
    public url: string,
  ) {
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        alive.delete(process);
        resolve({ code, signal });
      });
    });
  }

  static async start(options: ChildAppOptions = {}): Promise<ChildApp> {
    // WARM_UP=false: a child starts in ~2 s instead of ~10 (its first turns compile what they use).
    const env = { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WARM_UP: 'false', ...options.env };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    alive.add(child);
    const app = new ChildApp(child, '');
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (app.stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (app.stderr += chunk));
    const timeoutMs = options.startTimeoutMs ?? 45_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const listening = app.logLines().find((line) => line.msg === 'Qualibot listening' && typeof line.url === 'string');
      if (listening) {
        app.url = String(listening.url);
        return app;
      }
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited during start-up (${child.exitCode ?? child.signalCode}):\n${app.output}`);
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server not listening after ${timeoutMs} ms:\n${app.output}`);
      }
      await sleep(50);
    }
  }

  /** Everything the process wrote so far, stdout then stderr. */
  get output(): string {
    return `${this.stdout}${this.stderr}`;
  }

  /** The JSON log lines written on stdout so far (other lines are skipped). */
  logLines(): Array<Record<string, unknown>> {
    const lines: Array<Record<string, unknown>> = [];
    for (const line of this.stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // A line cut in the middle by a SIGKILL.
      }
    }
    return lines;
  }

  /** Resolves when a log line matches (e.g. a message the server logs after some background work). */
  async waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logLines().find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching log line in ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
      await sleep(50);
    }
  }

  /** A crash: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<ExitStatus> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    return this.exited;
  }

  /** A graceful stop (SIGTERM), escalating to SIGKILL when it takes too long. */
  async stop(timeoutMs = 10_000): Promise<ExitStatus> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return this.exited;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node src/cli/qualibot.mjs <args>` as an operator would, against the database named in `env`. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  const child = spawn(process.execPath, ['src/cli/qualibot.mjs', ...args], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), WARM_UP: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alive.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`qualibot ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      alive.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value that is not undefined/false (or throws after the timeout). */
export async function pollUntil<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await sleep(50);
  }
}
