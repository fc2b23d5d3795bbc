import { defineConfig } from 'vitest/config';
import base from './vitest.mutation.config.js';

/**
 * `npm run mutation:state`: `src/state` judged by the tests written for it, the
 * state's own and the core's tests of what is stored (records migrated on read,
 * the follow-up context, unanswered questions), so that a mutant costs seconds.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/state/**/*.test.ts', 'test/core/pipeline.test.ts', 'test/core/gaps.test.ts'],
    exclude: [],
  },
});
