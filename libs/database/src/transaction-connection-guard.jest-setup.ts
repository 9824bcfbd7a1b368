import { takeTransactionConnectionViolations } from './transaction-connection-guard';

// Every Jest run (jest.config.js setupFilesAfterEnv), never production. The guard itself is installed where TypeORM
// is loaded (typeorm-with-transaction-guard.js): a query inside a transaction that takes a second pooled connection
// from the same DataSource throws. The test that caused one also fails where the thrown error was swallowed (a
// retried activity, a consumer's catch).
function failOnViolations(): void {
  const [first, ...more] = takeTransactionConnectionViolations();
  if (first) throw new Error(`${first.stack ?? first.message}\n(and ${more.length} more in this test)`);
}
afterEach(failOnViolations);
afterAll(failOnViolations);
