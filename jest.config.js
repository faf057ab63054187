const SETUP = '<rootDir>/test/setup';

/** One jest project per thing its tests need; each set-up starts only when a test of its project runs. */
const project = (name, setup = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  ...setup,
});

// One teardown for all: it stops whatever the set-ups of this run started.
const needs = (globalSetup) => ({ globalSetup: `${SETUP}/${globalSetup}`, globalTeardown: `${SETUP}/teardown.ts` });

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // Pure code: nothing started.
    project('unit'),
    // DynamoDB Local of their own.
    project('integration', needs('dynamodb-local.ts')),
    // The local service as `npm start` runs it, over real HTTP.
    project('e2e', needs('service.ts')),
    // The same service (started once for both) and a headless Chromium.
    project('browser', needs('browser.ts')),
  ],
  testTimeout: 30_000,
  maxWorkers: 2,
};
