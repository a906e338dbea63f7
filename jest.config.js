/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Every core: jest's default (cores - 1) runs the whole suite serially on a 2-core machine, while the package test
  // mostly waits on npm and tsc in child processes.
  maxWorkers: '100%',
  roots: ['<rootDir>/test', '<rootDir>/lib'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck` (tsc --noEmit), run first by `npm test`; jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // The cdk8s-platform/testing matchers and YAML snapshot serializer, as an app repo registers them.
  setupFilesAfterEnv: ['<rootDir>/test/_setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
