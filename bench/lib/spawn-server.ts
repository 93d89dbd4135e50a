import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** USER_HZ: 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

import type { EventLoopDelay, MemoryReport } from './server-probe.js';

export type { EventLoopDelay, MemoryReport } from './server-probe.js';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Resident memory of the server process in bytes (from /proc, Linux). */
  rssBytes(): Promise<number | undefined>;
  /** CPU time (user + system) the server process has used so far, in ms (from /proc, Linux). */
  cpuMs(): Promise<number | undefined>;
  /** Event-loop delay since the previous call (servers that call `answerBenchProbes`; undefined otherwise). */
  eventLoopDelay(): Promise<EventLoopDelay | undefined>;
  /** Memory after a full GC when started with --expose-gc (servers that call `answerBenchProbes`). */
  memory(): Promise<MemoryReport | undefined>;
  /** What the server said about its start-up (a `STARTUP {json}` line before READY), if anything. */
  startup: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Variables from the bench's own shell that would silently change what is measured (LLM mode, Postgres). */
const MODE_CHANGING_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'DATABASE_URL', 'LLM_REPHRASE', 'CRM_WEBHOOK_URL'];

/** 30 s, or BENCH_START_TIMEOUT_MS: the smoke run beside the tests in CI shares the machine with them. */
function defaultStartTimeoutMs(): number {
  const configured = Number(process.env.BENCH_START_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 30_000;
}

/**
 * Starts a bench server script in its own process (so load generation does not share its event loop).
 * Only `env` decides the mode; `nodeArgs` go before the script (e.g. `--cpu-prof`).
 * The script prints `READY <port>` once listening.
 */
export async function spawnServer(script: string, env: Record<string, string> = {}, nodeArgs: string[] = [], startTimeoutMs = defaultStartTimeoutMs()): Promise<RunningServer> {
  const inherited = { ...process.env };
  for (const key of MODE_CHANGING_ENV) delete inherited[key];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });

  let announcePort: (port: number) => void = () => undefined;
  const startup: Record<string, unknown> = {};
  // Probe answers come back in the order they were asked, one line each.
  const waiters = new Map<string, Array<(answer: unknown) => void>>([['LOOP', []], ['MEMORY', []]]);
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const ready = /^READY (\d+)/.exec(line);
      if (ready) {
        announcePort(Number(ready[1]));
        continue;
      }
      if (line.startsWith('STARTUP ')) {
        Object.assign(startup, JSON.parse(line.slice('STARTUP '.length)));
        continue;
      }
      const space = line.indexOf(' ');
      const waiter = space > 0 ? waiters.get(line.slice(0, space))?.shift() : undefined;
      waiter?.(JSON.parse(line.slice(space + 1)));
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // no orphan left running after a failed start
      reject(new Error(`${script} did not start in ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    announcePort = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });

  /** Sends a probe command; a server that does not answer within 10 s (or has exited) gives undefined. */
  function ask<T>(command: string, kind: string): Promise<T | undefined> {
    if (child.exitCode !== null || !child.stdin?.writable) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve) => {
      const queue = waiters.get(kind)!;
      const answer = (value: unknown) => {
        clearTimeout(timer);
        resolve(value as T);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(answer), 1);
        resolve(undefined);
      }, 10_000);
      queue.push(answer);
      child.stdin!.write(`${command}\n`);
    });
  }

  const procFile = async (name: string) => readFile(`/proc/${child.pid}/${name}`, 'utf8').catch(() => undefined);
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    startup,
    async rssBytes() {
      const kb = /VmRSS:\s+(\d+) kB/.exec((await procFile('status')) ?? '')?.[1];
      return kb ? Number(kb) * 1024 : undefined;
    },
    async cpuMs() {
      const stat = await procFile('stat');
      if (!stat) return undefined;
      // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    eventLoopDelay: () => ask<EventLoopDelay>('loop', 'LOOP'),
    memory: () => ask<MemoryReport>('memory', 'MEMORY'),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
