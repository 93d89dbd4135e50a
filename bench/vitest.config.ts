import { defineConfig } from 'vitest/config';

/** `npm run bench:smoke`: the benchmark script with tiny numbers, so it does not rot (not part of `npm test`). */
export default defineConfig({
  test: { include: ['bench/smoke.test.ts'], root: '.', testTimeout: 420_000, pool: 'forks' },
});
