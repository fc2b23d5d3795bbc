import { defineConfig } from 'vitest/config';
import base from './vitest.mutation.config.js';

/** The state's own tests, for a quicker measure of `src/state` alone (`npm run mutation:state`). */
export default defineConfig({ test: { ...base.test, include: ['test/state/**/*.test.ts'], exclude: [] } });
