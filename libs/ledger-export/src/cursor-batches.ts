import type { DataSource } from 'typeorm';

/** Rows fetched from the cursor per round trip: big enough to be quick, small enough to stay bounded. */
export const CURSOR_BATCH = 2_000;
/** Memory per sort of a ledger's statement (one at a time per export or close). */
export const LEDGER_WORK_MEM = '64MB';

/**
 * Runs `sql` through a server-side cursor inside one REPEATABLE READ transaction and hands the rows over in
 * batches: a city's month is read with bounded memory, and every batch sees the same snapshot.
 */
export async function cursorBatches<Row>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
  onBatch: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    // A city's month sorts a few hundred thousand rows: in memory rather than in temporary files.
    await runner.query(`SET LOCAL work_mem = '${LEDGER_WORK_MEM}'`);
    await runner.query(`DECLARE ledger_rows NO SCROLL CURSOR FOR ${sql}`, params);
    // The next batch is fetched while this one is written: Postgres and the writer work at the same time.
    const fetch = (): Promise<Row[]> => runner.query(`FETCH ${CURSOR_BATCH} FROM ledger_rows`);
    let next = fetch();
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        next = rows.length < CURSOR_BATCH ? Promise.resolve([]) : fetch();
        await onBatch(rows);
      }
    } catch (error) {
      await next.catch(() => undefined);
      throw error;
    }
    await runner.query('CLOSE ledger_rows');
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
