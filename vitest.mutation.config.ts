import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutation`): those of
 * the core, the flows and the state, in-process only (no spawned commands,
 * no platform fakes, no load test), so that a mutant is judged in seconds.
 * The property tests run 10 cases instead of 60: they are a net, not the
 * place where a mutant is first caught, and each surviving mutant runs them.
 */
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/flows/**/*.test.ts', 'test/state/**/*.test.ts', 'test/shared/**/*.test.ts'],
    exclude: ['test/core/paraphrases.test.ts'],
    env: { RUPN_PROPERTY_RUNS: '10' },
    testTimeout: 20000,
    hookTimeout: 20000,
    pool: 'forks',
  },
});
