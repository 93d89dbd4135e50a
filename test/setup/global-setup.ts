import type { TestProject } from 'vitest/node';
import { findChromium } from './find-chromium.js';
import { findRadicale, INSTALL_RADICALE } from './radicale.js';
import { resolveTestPostgres, type TestPostgres } from './test-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A real PostgreSQL for the tests (see test-postgres.ts); empty when no selected lane needs one. */
    postgresUrl: string;
    /** Chromium's path; empty when none was found (browser tests are then reported as not run, or fail under CI). */
    chromiumPath: string;
    /** Radicale's path (the CalDAV server of the booking tests); empty when none was found (not run, or fail under CI). */
    radicalePath: string;
  }
}

/** The lanes (vitest projects) that need each service. */
const NEEDS_POSTGRES = new Set(['integration']);
const NEEDS_BROWSER = new Set(['browser']);
const NEEDS_RADICALE = new Set(['integration', 'browser']);

/** What to install when a service is missing; under CI=true nothing may be skipped. */
export const INSTALL_CHROMIUM = 'install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome binary';

/** CI=true (or 1): every lane must run, nothing may be skipped. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Finds (or starts) what the selected lanes need, once per run: a PostgreSQL and Chromium. The values reach
 * the tests through `inject()`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lanes = new Set(project.vitest.projects.map((selected) => selected.name));
  const ci = isCi();
  let postgres: TestPostgres | undefined;
  if ([...lanes].some((lane) => NEEDS_POSTGRES.has(lane))) {
    postgres = await resolveTestPostgres();
    if (postgres.origin === 'embedded server') console.log(`PostgreSQL for the tests: an embedded server at ${new URL(postgres.url).host} (no TEST_DATABASE_URL, nothing on 127.0.0.1:5432)`);
  }
  let chromiumPath = '';
  if ([...lanes].some((lane) => NEEDS_BROWSER.has(lane))) {
    chromiumPath = findChromium() ?? '';
    if (!chromiumPath && ci) throw new Error(`CI=true and no browser for the browser tests: ${INSTALL_CHROMIUM}.`);
  }
  let radicalePath = '';
  if ([...lanes].some((lane) => NEEDS_RADICALE.has(lane))) {
    radicalePath = findRadicale() ?? '';
    if (!radicalePath && ci) throw new Error(`CI=true and no CalDAV server for the booking tests: ${INSTALL_RADICALE}.`);
  }
  project.provide('radicalePath', radicalePath);
  project.provide('postgresUrl', postgres?.url ?? '');
  project.provide('chromiumPath', chromiumPath);
  return async () => {
    await postgres?.stop();
  };
}
