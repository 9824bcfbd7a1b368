import { AsyncLocalStorage } from 'node:async_hooks';
// Types only: Jest loads this file while it loads TypeORM itself (see typeorm-with-transaction-guard.js).
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Test-time guard (installed for every Jest run, never in production): inside a transaction's callback, taking
 * another connection from the same DataSource's pool throws. Such a query (`dataSource.query`, a repository
 * method called without the callback's `manager`, a nested `dataSource.transaction`) waits for a connection while
 * its transaction holds one; once as many of them run as the pool has connections, every one waits forever and
 * the whole service hangs.
 *
 * Every pooled connection TypeORM takes starts with `DataSource.createQueryRunner`; every transaction, with
 * `EntityManager.transaction` (`DataSource.transaction` delegates to it). The transaction's own queries and a
 * nested `manager.transaction` run on the query runner it already holds, so they never reach `createQueryRunner`.
 */
interface OpenTransaction {
  readonly dataSource: DataSource;
  open: boolean;
  readonly begunAt: string;
}

const openTransactions = new AsyncLocalStorage<readonly OpenTransaction[]>();
const violations: Error[] = [];
let installed = false;

export class SecondConnectionInTransactionError extends Error {
  constructor(dataSource: DataSource, begunAt: string) {
    const options = dataSource.options as { applicationName?: string; schema?: string; poolSize?: number };
    super(
      `A second database connection was taken from the pool of DataSource "${options.applicationName ?? '?'}" ` +
        `(schema ${options.schema ?? '?'}) inside a transaction on that same DataSource. The transaction holds ` +
        `one connection and this query waits for another: with ${options.poolSize ?? 'pool size'} such ` +
        `transactions in flight every one waits forever and the service hangs. Fix: run the query on the ` +
        `transaction's EntityManager — pass the callback's \`manager\` down (e.g. a repository method taking ` +
        `\`manager: EntityManager = this.dataSource.manager\`) instead of using this.dataSource / ` +
        `dataSource.manager / a nested dataSource.transaction. The transaction began at:\n${begunAt}`,
    );
    this.name = 'SecondConnectionInTransactionError';
  }
}

/** Patches TypeORM's prototypes once per module registry (each Jest test file has its own). */
export function installTransactionConnectionGuard(typeorm: {
  DataSource: typeof DataSource;
  EntityManager: typeof EntityManager;
}): void {
  if (installed) return;
  installed = true;

  const transaction = typeorm.EntityManager.prototype.transaction as (
    this: EntityManager,
    isolation: unknown,
    work?: unknown,
  ) => Promise<unknown>;
  typeorm.EntityManager.prototype.transaction = function guardedTransaction(
    this: EntityManager,
    isolationOrWork: unknown,
    maybeWork?: unknown,
  ): Promise<unknown> {
    const work = (typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork) as
      ((manager: EntityManager) => Promise<unknown>) | undefined;
    if (typeof work !== 'function') return transaction.call(this, isolationOrWork, maybeWork);
    const frame: OpenTransaction = { dataSource: this.connection, open: true, begunAt: callerStack() };
    const guarded = (manager: EntityManager) =>
      openTransactions.run([...(openTransactions.getStore() ?? []), frame], () => work(manager));
    const result =
      typeof isolationOrWork === 'function'
        ? transaction.call(this, guarded)
        : transaction.call(this, isolationOrWork, guarded);
    // Work the callback started without awaiting keeps the context; once the transaction is over it may connect.
    return result.finally(() => {
      frame.open = false;
    });
  } as EntityManager['transaction'];

  const createQueryRunner = typeorm.DataSource.prototype.createQueryRunner;
  typeorm.DataSource.prototype.createQueryRunner = function guardedCreateQueryRunner(
    this: DataSource,
    ...args: Parameters<DataSource['createQueryRunner']>
  ): QueryRunner {
    const holder = openTransactions.getStore()?.find((t) => t.open && t.dataSource === this);
    if (holder) {
      const error = new SecondConnectionInTransactionError(this, holder.begunAt);
      violations.push(error);
      throw error;
    }
    return createQueryRunner.apply(this, args);
  };
}

/**
 * Runs `work` as if no transaction were open, so the guard lets it take its own connection. Only for work the
 * transaction does not wait for (started and not awaited), or that is bounded so the pool cannot run dry of it:
 * say why at the call site. Costs nothing in production (no transaction is tracked there).
 */
export function outsideTransaction<T>(work: () => T): T {
  return openTransactions.exit(work);
}

/**
 * Violations since the last call (and forgets them): a caller may swallow the thrown error (a retry, a
 * `.catch`), so the test setup also fails the test that caused one.
 */
export function takeTransactionConnectionViolations(): Error[] {
  return violations.splice(0, violations.length);
}

function callerStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !/node_modules|typeorm|src\/data-source\/|transaction-connection-guard\.ts/.test(line))
    .slice(0, 8)
    .join('\n');
}
