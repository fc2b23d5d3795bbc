import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Stryker runs one worker and stops at the first failing test, so the order
 * of the files is most of the cost of a mutant: the file that failed last
 * (it likely kills the next mutant of the same code) and then the quickest
 * files go first, where vitest would start with the slowest.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (f: TestSpecification) => `${f.project.name}:${path.relative(this.ctx.config.root, f.moduleId)}`;
    // not run yet: the smaller file first, after every file already timed
    const rank = (f: TestSpecification) => {
      const r = this.ctx.cache.getFileTestResults(key(f));
      return r ? (r.failed ? -1 : r.duration) : 1e9 + (this.ctx.cache.getFileStats(key(f))?.size ?? 0);
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: QuickFirst },
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});
