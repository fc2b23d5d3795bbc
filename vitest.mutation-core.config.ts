import { defineConfig } from 'vitest/config';
import base from './vitest.mutation.config.js';

/** `npm run mutation:core`: `src/core` judged by the core's tests (the property tests with 10 cases). */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/core/**/*.test.ts'],
    exclude: ['test/core/paraphrases.test.ts'],
  },
});
