import { DataSource } from 'typeorm';
import { createTestSchema } from '@platform/testing';
import {
  outsideTransaction,
  SecondConnectionInTransactionError,
  takeTransactionConnectionViolations,
} from './transaction-connection-guard';

// The guard is installed for every Jest run by transaction-connection-guard.jest-setup.ts (jest.config.js).
describe('the transaction connection guard (real Postgres)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let other: Awaited<ReturnType<typeof createTestSchema>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('txguard');
    other = await createTestSchema('txguard_other');
    dataSource = schema.dataSource;
    await dataSource.query(`CREATE TABLE things (id int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await schema.drop();
    await other.drop();
  });
  afterEach(() => takeTransactionConnectionViolations());

  it('throws when a transaction queries its DataSource outside its own manager, and rolls back', async () => {
    const outcome = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO things VALUES (1)');
      await dataSource.query('SELECT count(*) FROM things');
    });
    await expect(outcome).rejects.toThrow(SecondConnectionInTransactionError);
    await expect(outcome).rejects.toThrow(/pass the callback's `manager` down/);
    expect(await dataSource.query('SELECT id FROM things')).toEqual([]);
    expect(takeTransactionConnectionViolations()).toHaveLength(1);
  });

  it('throws for dataSource.manager, a nested dataSource.transaction and an isolation level, too', async () => {
    await expect(
      dataSource.transaction('REPEATABLE READ', async () => dataSource.manager.query('SELECT 1')),
    ).rejects.toThrow(SecondConnectionInTransactionError);
    await expect(
      dataSource.transaction(async () => dataSource.transaction((inner) => inner.query('SELECT 1'))),
    ).rejects.toThrow(SecondConnectionInTransactionError);
    await expect(
      dataSource.manager.transaction(async () => dataSource.createQueryBuilder().select('1').getRawOne()),
    ).rejects.toThrow(SecondConnectionInTransactionError);
  });

  it('records a violation whose error the caller swallowed, so the test still fails', async () => {
    await dataSource.transaction(async () => {
      await dataSource.query('SELECT 1').catch(() => undefined);
    });
    const [violation] = takeTransactionConnectionViolations();
    expect(violation).toBeInstanceOf(SecondConnectionInTransactionError);
    expect(violation.message).toContain('The transaction began at:');
    expect(violation.message).toContain('transaction-connection-guard.int.spec.ts');
  });

  it("lets the transaction's own manager, a nested manager.transaction and another DataSource through", async () => {
    const count = await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO things VALUES (2)');
      await manager.transaction((same) => same.query('INSERT INTO things VALUES (3)'));
      await other.dataSource.query('SELECT 1');
      const [row] = await manager.query('SELECT count(*)::int AS n FROM things');
      return row.n as number;
    });
    expect(count).toBe(2);
    expect(takeTransactionConnectionViolations()).toEqual([]);
  });

  it('lets a connection be taken on purpose with outsideTransaction, awaited steps and all', async () => {
    const answer = await dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1');
      return outsideTransaction(async () => {
        await dataSource.query('SELECT 1');
        const [{ n }] = await dataSource.query('SELECT 2 AS n');
        return n as number;
      });
    });
    expect(answer).toBe(2);
    expect(takeTransactionConnectionViolations()).toEqual([]);
  });

  it('lets queries through before, after and beside a transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const open = dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1');
      await held;
    });
    // Another request's query while a transaction is open is not inside it.
    await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    let afterCommit: Promise<unknown> | undefined;
    let committed!: () => void;
    const commit = new Promise<void>((resolve) => (committed = resolve));
    await dataSource.transaction(async () => {
      // Started inside, run after the commit (not after a delay, which a loaded machine outlasts): by then the
      // transaction holds no connection.
      afterCommit = commit.then(() => dataSource.query('SELECT 2'));
    });
    committed();
    release();
    await open;
    await expect(afterCommit).resolves.toBeDefined();
    expect(takeTransactionConnectionViolations()).toEqual([]);
  });
});
