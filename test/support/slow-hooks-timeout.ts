/**
 * Integration and e2e tests start an app on a fresh database clone, which takes seconds on a loaded
 * 2-core machine; Jest's 5 s default made hooks flaky in CI. A project-level `testTimeout` is ignored
 * by Jest 30 inside `projects` (jestjs/jest#9696), so the timeout is set here.
 */
jest.setTimeout(30_000);
