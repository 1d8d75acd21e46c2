/** One config, four projects: rules (unit), real Postgres/Redis (integration), HTTP (e2e), browser (Playwright). */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
  // ESM-only dependencies (Node 20 loads them with require(esm); Jest's runtime needs them as CJS).
  '^.+\\.js$': ['@swc/jest', { swcrc: false, jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};
// ESM-only packages (and their ESM-only dependencies) that Jest must transform to CommonJS.
const esmOnly = [
  'content-disposition',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  'uint8array-extras',
  '@borewit/text-codec',
  'feed',
];
const libs = ['common', 'config', 'database', 'queue', 'outbox', 'identity', 'audit', 'taxonomy', 'scenarios', 'search', 'storage', 'vendors', 'proposals', 'evaluation', 'delivery', 'matching', 'notifications', 'webhooks', 'imports', 'reporting'];
const moduleNameMapper = Object.fromEntries(
  libs.flatMap((l) => [
    [`^@app/${l}$`, `<rootDir>/libs/${l}/src`],
    [`^@app/${l}/(.*)$`, `<rootDir>/libs/${l}/src/$1`],
  ]),
);
// file-type exports only `import`/`module-sync` conditions, which Jest's resolver does not try.
moduleNameMapper['^file-type$'] = '<rootDir>/node_modules/file-type/index.js';
const base = {
  rootDir: __dirname,
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

const slowHooksTimeout = '<rootDir>/test/support/slow-hooks-timeout.ts';

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.integration-spec.ts'],
      setupFilesAfterEnv: [slowHooksTimeout],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: [slowHooksTimeout],
    },
    // Playwright (playwright-core + Debian's /usr/bin/chromium) against the real server; builds the web
    // front end first if dist/apps/web has none (test/browser/support/global-setup.ts). npm run test:browser.
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/jest-setup.ts'],
    },
  ],
};
