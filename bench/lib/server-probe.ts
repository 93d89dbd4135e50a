import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

/** Event-loop delay percentiles in ms. */
export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Memory of the process, in bytes; `collected` when a full GC ran first (node --expose-gc). */
export interface MemoryReport {
  rss: number;
  heapUsed: number;
  external: number;
  collected: boolean;
}

/**
 * Lets the bench ask a server process about itself over stdin, one command per line; the answer is
 * one stdout line: `loop` → `LOOP {p50,p99,max}` (event-loop delay in ms since the previous `loop`),
 * `memory` → `MEMORY {rss,heapUsed,external,collected}` (after a full GC when --expose-gc is on).
 */
export function answerBenchProbes(): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (command) => {
    if (command === 'loop') {
      const report: EventLoopDelay = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
      histogram.reset();
      process.stdout.write(`LOOP ${JSON.stringify(report)}\n`);
    } else if (command === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const { rss, heapUsed, external } = process.memoryUsage();
      const report: MemoryReport = { rss, heapUsed, external, collected: gc !== undefined };
      process.stdout.write(`MEMORY ${JSON.stringify(report)}\n`);
    }
  });
  // The bench closing our stdin must not keep us alive or kill us: SIGTERM is how we stop.
  lines.on('close', () => undefined);
  process.stdin.unref?.();
}

/**
 * Resolves once the event loop has been free for a while (three 20 ms timers in a row on time), and
 * says how long that took: work a server defers until after it listens (a warm-up) must not land in a
 * measured window.
 */
export async function waitUntilIdle(timeoutMs = 60_000): Promise<number> {
  const start = Date.now();
  let onTime = 0;
  while (onTime < 3 && Date.now() - start < timeoutMs) {
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    onTime = Date.now() - before < 40 ? onTime + 1 : 0;
  }
  return Date.now() - start;
}
