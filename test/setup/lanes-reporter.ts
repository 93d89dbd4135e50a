import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { INSTALL_CHROMIUM, isCi } from './global-setup.js';
import { INSTALL_RADICALE } from './radicale.js';

interface LaneTally {
  firstStart: number;
  lastEnd: number;
  files: number;
  tests: number;
  failed: number;
  skipped: number;
}

/**
 * One line per lane (vitest project) at the end of a run: its tests, files and wall time from its first file's
 * start to its last file's end (lanes overlap). And one loud line when the browser lane could not run.
 */
export default class LanesReporter implements Reporter {
  private vitest?: Vitest;
  private readonly started = new Map<string, number>();
  private readonly lanes = new Map<string, LaneTally>();
  private readonly fileSeconds: { file: string; lane: string; seconds: number }[] = [];

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestModuleStart(module: TestModule): void {
    this.started.set(module.moduleId, Date.now());
  }

  onTestModuleEnd(module: TestModule): void {
    const lane = module.project.name || 'default';
    const start = this.started.get(module.moduleId) ?? Date.now();
    const tally = this.lanes.get(lane) ?? { firstStart: start, lastEnd: start, files: 0, tests: 0, failed: 0, skipped: 0 };
    tally.firstStart = Math.min(tally.firstStart, start);
    tally.lastEnd = Math.max(tally.lastEnd, Date.now());
    this.fileSeconds.push({ file: module.relativeModuleId, lane, seconds: (Date.now() - start) / 1000 });
    tally.files += 1;
    for (const test of module.children.allTests()) {
      tally.tests += 1;
      const state = test.result().state;
      if (state === 'failed') tally.failed += 1;
      else if (state === 'skipped') tally.skipped += 1;
    }
    this.lanes.set(lane, tally);
  }

  onTestRunEnd(): void {
    const lines = [...this.lanes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([lane, tally]) => {
        const seconds = ((tally.lastEnd - tally.firstStart) / 1000).toFixed(1);
        const problems = [tally.failed ? `${tally.failed} failed` : '', tally.skipped ? `${tally.skipped} NOT RUN` : ''].filter(Boolean).join(', ');
        return `  lane ${lane.padEnd(12)} ${String(tally.tests).padStart(5)} tests in ${String(tally.files).padStart(3)} files  ${seconds.padStart(6)} s${problems ? `  (${problems})` : ''}`;
      });
    if (lines.length) console.log(`\n${lines.join('\n')}`);
    // CI has a time budget: the slowest files are where to look first when it grows.
    const slowest = [...this.fileSeconds].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
    if (slowest.length > 1) {
      console.log(`\n  slowest files:\n${slowest.map(({ file, lane, seconds }) => `    ${seconds.toFixed(1).padStart(6)} s  ${lane.padEnd(12)} ${file}`).join('\n')}`);
    }
    const browserSelected = this.vitest?.projects.some((project) => project.name === 'browser');
    const chromium = this.vitest?.getRootProject().getProvidedContext().chromiumPath;
    if (browserSelected && !chromium) {
      console.log(`\n⚠⚠⚠ BROWSER TESTS NOT RUN: no Chromium found. To run them, ${INSTALL_CHROMIUM}. (Under CI=true this fails the run.) ⚠⚠⚠\n`);
    }
    const radicaleSelected = this.vitest?.projects.some((project) => project.name === 'integration' || project.name === 'browser');
    if (radicaleSelected && !this.vitest?.getRootProject().getProvidedContext().radicalePath) {
      console.log(`\n⚠⚠⚠ CALDAV BOOKING TESTS NOT RUN: no Radicale found. To run them, ${INSTALL_RADICALE}. (Under CI=true this fails the run.) ⚠⚠⚠\n`);
    }
    // Under CI a skipped test is a defect (a check that did not run), whatever the reason.
    const skipped = [...this.lanes.values()].reduce((total, tally) => total + tally.skipped, 0);
    if (isCi() && skipped > 0) {
      console.log(`\n✗ CI=true: ${skipped} test(s) did not run; nothing may be skipped in CI.\n`);
      process.exitCode = 1;
    }
  }
}
