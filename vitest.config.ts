import { defineConfig } from 'vitest/config';

/**
 * Test lanes (vitest projects). `npm test` runs them all at once; `npm run test:unit` runs the unit lane alone.
 * - unit: in-process only (no socket, process, browser or database server; test/setup/unit-lane-guard.ts
 *   fails a test that opens one). Threads, modules shared between files.
 * - integration: real HTTP servers on loopback, fakes of remote services, child processes, SQLite files and
 *   a real PostgreSQL (test/setup/test-postgres.ts finds or starts one).
 * - browser: Chromium driven by playwright-core (found by test/setup/find-chromium.ts).
 * - evals: the labelled conversation sets, replayed through the real bot with their floors.
 */
const BROWSER = ['test/e2e/**/*.test.ts', 'test/hardening/xss-browser.test.ts'];
const EVALS = ['test/labelled-sets.test.ts'];
const INTEGRATION = [
  'test/durability/**/*.test.ts',
  'test/server/**/*.test.ts',
  'test/storage/postgres.test.ts',
  'test/insights/**/*.test.ts',
  'test/whatif/whatif.test.ts',
  'test/whatif/calibrate.test.ts',
  'test/storage/sqlite.test.ts',
  'test/hardening/!(rate-limits).test.ts',
  'test/replay/**/*.test.ts',
  'test/extraction/llm-*.test.ts',
  'test/channels/slack/azure-slack-channel.test.ts',
  'test/channels/slack/slack-adapter.test.ts',
  'test/channels/slack/slack-events.test.ts',
  'test/channels/teams/teams-channel.test.ts',
  'test/channels/widget/direct-line-shim.test.ts',
  'test/channels/widget/socket-client.test.ts',
  'test/channels/widget/widget-protocol.test.ts',
  'test/handoff/bus-event-validation.test.ts',
  'test/handoff/cross-instance.test.ts',
  'test/handoff/handoff-flow.test.ts',
  'test/handoff/no-sdr-path.test.ts',
  'test/booking/calendars.test.ts',
  'test/handoff/dead-channels.test.ts',
  'test/handoff/reference-keeping.test.ts',
  'test/handoff/sdr-api.test.ts',
  'test/handoff/slack-takeover.test.ts',
  'test/handoff/teams-takeover.test.ts',
  'test/crm/outbox-worker.test.ts',
  'test/crm/webhook-crm-sink.test.ts',
  'test/channels/widget/widget-assets.test.ts',
  'test/channels/widget/widget-adapter.test.ts',
  'test/cli/**/*.test.ts',
  'test/mail/transcript-email.test.ts',
  'test/enrichment/enrichment-http.test.ts',
  'test/runtime/plain-json-activity-bodies.test.ts',
];
const ALL = 'test/**/*.test.ts';
const NOT_UNIT = [...BROWSER, ...EVALS, ...INTEGRATION];

const timeouts = { testTimeout: 20_000, hookTimeout: 30_000 };
// An in-process app warms its language models as production does (seconds of CPU, more while the other lanes run).
const serverTimeouts = { testTimeout: 20_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Finds or starts PostgreSQL and finds Chromium, once per run, for the lanes selected.
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default', './test/setup/lanes-reporter.ts'],
    // Two cores here: a third worker keeps them busy while integration tests wait on sockets and children.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: [ALL],
          exclude: NOT_UNIT,
          pool: 'threads',
          isolate: false,
          setupFiles: ['test/setup/unit-lane-guard.ts'],
          ...timeouts,
        },
      },
      { test: { name: 'integration', include: INTEGRATION, exclude: [...BROWSER, ...EVALS], pool: 'forks', isolate: false, ...serverTimeouts } },
      { test: { name: 'browser', include: BROWSER, pool: 'forks', isolate: false, ...serverTimeouts } },
      { test: { name: 'evals', include: EVALS, pool: 'threads', isolate: false, ...timeouts } },
    ],
  },
});
