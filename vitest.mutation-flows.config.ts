import { defineConfig } from 'vitest/config';
import base from './vitest.mutation.config.js';

/**
 * `npm run mutation:flows`: `src/flows` judged by the flows' own tests and the
 * core's tests that go through a flow (the GAR checklist in plain words, a flow
 * saved with an older definition), so that a mutant costs seconds.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/flows/**/*.test.ts',
      'test/core/understanding.test.ts',
      'test/core/pipeline.test.ts',
      // behaviour tests written against the survivors of the flows' mutation run (also under the glob above)
      'test/flows/runner-behaviour.test.ts',
      'test/flows/validators.test.ts',
      'test/flows/defs-details.test.ts',
    ],
    exclude: [],
  },
});
