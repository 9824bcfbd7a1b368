import { PiiCipher, piiContext } from './pii-cipher';

/** An encrypted column and the table's id column (the row id is part of each value's context). */
export interface EncryptedColumn {
  schema: string;
  table: string;
  column: string;
  idColumn?: string;
}

/** Just what rotation needs from a database connection (a TypeORM DataSource): SELECTs answer their rows. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface RotationCounts {
  column: string;
  /** Values found on an old key or not yet bound to their row. */
  stale: number;
  rotated: number;
  /** Changed by someone else between read and write (that write was current already). */
  skipped: number;
  /** Values that do not decrypt here (missing key, tampered or copied): left as they are. */
  failed: number;
}

/**
 * Re-encrypts every value of one column that is not bound to its row on the active key, in batches of
 * `batchSize` rows by id (so it ends even when a value cannot be rewritten). Each write is conditional on the
 * value it read, so a concurrent update by the service is never overwritten. Running it again finds nothing.
 */
export async function rotateEncryptedColumn(
  db: SqlRunner,
  target: EncryptedColumn,
  cipher: PiiCipher,
  batchSize = 500,
): Promise<RotationCounts> {
  const idColumn = target.idColumn ?? 'id';
  const table = `"${target.schema}"."${target.table}"`;
  const counts: RotationCounts = {
    column: `${target.table}.${target.column}`,
    stale: 0,
    rotated: 0,
    skipped: 0,
    failed: 0,
  };
  let after = '';
  for (;;) {
    const rows = (await db.query(
      `SELECT ${idColumn}::text AS id, ${target.column} AS value FROM ${table}
       WHERE ${target.column} IS NOT NULL AND ${target.column} NOT LIKE $1 AND ${idColumn}::text > $2
       ORDER BY ${idColumn}::text LIMIT $3`,
      [`${cipher.currentPrefix()}%`, after, batchSize],
    )) as Array<{ id: string; value: string }>;
    if (!rows.length) return counts;
    for (const row of rows) {
      counts.stale++;
      const context = piiContext(target.table, target.column, row.id);
      let rewritten: string;
      try {
        rewritten = cipher.encrypt(cipher.decrypt(row.value, context), context);
      } catch {
        counts.failed++;
        continue;
      }
      const [{ n }] = (await db.query(
        `WITH updated AS (UPDATE ${table} SET ${target.column} = $1
           WHERE ${idColumn}::text = $2 AND ${target.column} = $3 RETURNING 1)
         SELECT count(*)::int AS n FROM updated`,
        [rewritten, row.id, row.value],
      )) as Array<{ n: number }>;
      if (n) counts.rotated++;
      else counts.skipped++;
    }
    after = rows[rows.length - 1].id;
  }
}
