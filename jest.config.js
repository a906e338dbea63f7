/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Every core: jest's default (cores - 1) runs the whole suite serially on a 2-core machine, while the package test
  // mostly waits on npm and tsc in child processes.
  maxWorkers: '100%',
  roots: ['<rootDir>/test', '<rootDir>/lib'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck` (tsc --noEmit), run first by `npm test`; jest only transpiles, with SWC
    // (as `npm run synth` does): ts-jest's TypeScript compiler took a third of the suite's time.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The cdk8s-platform/testing matchers and YAML snapshot serializer, as an app repo registers them.
  setupFilesAfterEnv: ['<rootDir>/test/_setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
