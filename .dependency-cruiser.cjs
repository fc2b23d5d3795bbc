/**
 * The layers of the code, checked by `npm test` (`npm run lint:deps`):
 *
 *   adapters/  ──▶ src/index.ts (the public entry) only
 *   src/cli/start.ts is the one place where src/ meets adapters/
 *   src/app.ts (composition root) ──▶ core, flows, knowledge, state
 *   src/flows ──▶ src/core ──▶ src/nlu, src/knowledge, src/state ──▶ src/shared
 *
 * and no import cycle anywhere.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle: break it by moving the shared part down a layer.', from: {}, to: { circular: true } },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'src/shared holds the types and text helpers every layer uses; it imports no other layer.',
      from: { path: '^src/shared/' },
      to: { path: '^(src/(?!shared/)|adapters/)' },
    },
    {
      name: 'lower-layers-do-not-import-the-core',
      severity: 'error',
      comment: 'nlu, knowledge and state are below the core: they never import core, flows, the CLI or the composition root.',
      from: { path: '^src/(nlu|knowledge|state)/' },
      to: { path: '^src/(core/|flows/|cli/|app\\.ts|index\\.ts)' },
    },
    {
      name: 'core-does-not-import-features',
      severity: 'error',
      comment: 'Features (flows) plug into the core in src/app.ts; the core never imports them.',
      from: { path: '^src/core/' },
      to: { path: '^src/(flows/|cli/|app\\.ts|index\\.ts)' },
    },
    {
      name: 'flows-do-not-import-the-top',
      severity: 'error',
      from: { path: '^src/flows/' },
      to: { path: '^src/(cli/|app\\.ts|index\\.ts)' },
    },
    {
      name: 'adapters-use-the-public-entry',
      severity: 'error',
      comment: 'Adapters import the core through src/index.ts only.',
      from: { path: '^adapters/' },
      to: { path: '^src/(?!index\\.ts$)' },
    },
    {
      name: 'only-start-meets-adapters',
      severity: 'error',
      comment: 'src/cli/start.ts is the only place where src/ meets adapters/.',
      from: { path: '^src/', pathNot: '^src/cli/start\\.ts$' },
      to: { path: '^adapters/' },
    },
    {
      name: 'no-test-code-in-the-product',
      severity: 'error',
      from: { path: '^(src|adapters)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-dev-dependencies-in-the-product',
      severity: 'error',
      from: { path: '^(src|adapters)/' },
      to: { dependencyTypes: ['npm-dev'], pathNot: '^node_modules/@types/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
