// Jest config. A .js file rather than jest.config.ts: on Node 20 Jest loads a TypeScript
// config only through ts-node, which this project does not install.
const path = require('node:path');
const ts = require('typescript');
const { pathsToModuleNameMapper } = require('ts-jest');

// `@app/<lib>` aliases, read from tsconfig.json so new libraries need no change here.
const { config: tsconfig } = ts.readConfigFile(path.join(__dirname, 'tsconfig.json'), ts.sys.readFile);
const moduleNameMapper = pathsToModuleNameMapper(tsconfig.compilerOptions.paths, { prefix: '<rootDir>/' });

// ts-jest compiles with tsconfig.json, which leaves isolatedModules off: files are compiled
// with the full type checker, which the Swagger plugin needs.
const tsJest = (options = {}) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', ...options }] });

/** @type {import('jest').Config} */
module.exports = {
  // e2e tests share one database: run test files one at a time (in band).
  maxWorkers: 1,
  // Jest's 5 s default is a timed assertion in disguise on a shared 2-core machine: hooks that
  // create users (argon2) and log them in, or seed the demo case into a file's own database,
  // took over a minute with two runs at once beside other work (load average 20). A test that
  // hangs still fails.
  testTimeout: 180_000,
  // Test files in a seeded random order (printed; AUDITDESK_TEST_SEED replays one): no file may
  // depend on another having run first.
  testSequencer: '<rootDir>/test/setup/shuffled-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/prisma/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
      transform: tsJest(),
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      // A BullMQ prefix per spec file, below the run's.
      setupFiles: ['<rootDir>/test/setup/file-queue-prefix.js'],
      // Same Swagger plugin options as nest-cli.json, so the OpenAPI document matches the built app.
      transform: tsJest({
        astTransformers: {
          before: [
            {
              path: '<rootDir>/test/setup/swagger-plugin-transformer.js',
              options: { introspectComments: true, classValidatorShim: true },
            },
          ],
        },
      }),
      moduleNameMapper,
    },
  ],
};
