// One Jest run for every project: unit specs next to the code, integration specs (*.int.spec.ts) against
// the real stack that the global setup brings up or reuses.
const { paths } = require('./tsconfig.base.json').compilerOptions;

const moduleNameMapper = {
  ...Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
  ),
  // TypeORM with the transaction connection guard installed (a second pooled connection inside a transaction
  // throws): see libs/database/src/transaction-connection-guard.ts.
  '^typeorm$': '<rootDir>/libs/database/src/typeorm-with-transaction-guard.js',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/libs/testing/src/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/libs/database/src/transaction-connection-guard.jest-setup.ts'],
  testTimeout: 60_000,
};
