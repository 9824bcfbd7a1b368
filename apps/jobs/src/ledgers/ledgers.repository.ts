import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AreaScope, inScope, scopeParams } from '@platform/auth';
import { cursorBatches, LEDGER_WORK_MEM, LedgerCorrectionLine, LedgerRow } from '@platform/ledger-export';
import { JobsLedger, VACANCY_LEDGER } from './vacancy-ledger';

export interface LedgerClose {
  id: string;
  unitCode: string;
  month: string;
  closedAt: string;
  closedBy: string;
  counts: Record<string, number>;
}

/**
 * Every statement of the vacancy ledger. Reads take the unit's subtree and the caller's scope and put both in
 * the WHERE; a closed month's rows are read only through a close row found inside the caller's scope.
 */
@Injectable()
export class LedgersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get s(): string {
    return String((this.dataSource.options as { schema?: string }).schema);
  }

  private live(month: string, unit: AreaScope, caller: AreaScope) {
    return { sql: VACANCY_LEDGER.sql(this.s), params: [month, ...scopeParams(unit), ...scopeParams(caller)] };
  }

  async countLive(month: string, unit: AreaScope, caller: AreaScope): Promise<number> {
    const { sql, params } = this.live(month, unit, caller);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
    return row.n;
  }

  pageLive(
    month: string,
    unit: AreaScope,
    caller: AreaScope,
    limit: number,
    offset: number,
  ): Promise<LedgerRow[]> {
    const { sql, params } = this.live(month, unit, caller);
    return this.dataSource.query(`${sql} LIMIT $6 OFFSET $7`, [...params, limit, offset]);
  }

  streamLive(
    month: string,
    unit: AreaScope,
    caller: AreaScope,
    onBatch: (rows: LedgerRow[]) => Promise<void>,
  ) {
    const { sql, params } = this.live(month, unit, caller);
    return cursorBatches<LedgerRow>(this.dataSource, sql, params, onBatch);
  }

  streamSnapshot(closeId: string, ledger: JobsLedger, onBatch: (rows: LedgerRow[]) => Promise<void>) {
    return cursorBatches<LedgerRow>(
      this.dataSource,
      `SELECT row_no, row FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2 ORDER BY row_no`,
      [closeId, ledger],
      (rows) => onBatch(rows.map((r) => ({ ...(r.row as unknown as LedgerRow), rowNo: r.row_no }))),
    );
  }

  async pageSnapshot(
    closeId: string,
    ledger: JobsLedger,
    limit: number,
    offset: number,
  ): Promise<LedgerRow[]> {
    const rows: Array<{ row_no: number; row: LedgerRow }> = await this.dataSource.query(
      `SELECT row_no, row FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2
        ORDER BY row_no LIMIT $3 OFFSET $4`,
      [closeId, ledger, limit, offset],
    );
    return rows.map((r) => ({ ...r.row, rowNo: r.row_no }));
  }

  async findClose(unitPath: string, month: string, caller: AreaScope): Promise<LedgerClose | undefined> {
    const rows = await this.dataSource.query(
      `SELECT id, unit_code, month, closed_at, closed_by, counts FROM "${this.s}".ledger_closes
        WHERE unit_path = $1 AND month = $2 AND ${inScope('unit_path', 3)}`,
      [unitPath, month, ...scopeParams(caller)],
    );
    return rows[0] && closeOf(rows[0]);
  }

  /** The month's live rows copied into the snapshot set-based, then the close row with the count. */
  async close(
    unitCode: string,
    unitPath: string,
    month: string,
    unit: AreaScope,
    caller: AreaScope,
    closedBy: string,
    closedAt: Date,
  ): Promise<LedgerClose> {
    const id = randomUUID();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${LEDGER_WORK_MEM}'`);
      const { sql, params } = this.live(month, unit, caller);
      await manager.query(
        `INSERT INTO "${this.s}".ledger_snapshot_rows (close_id, ledger, row_no, row)
         SELECT $6, 'vacancies', row_number() OVER (), to_jsonb(q) FROM (${sql}) q`,
        [...params, id],
      );
      const [{ inserted }] = await manager.query(
        `SELECT count(*)::int AS inserted FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1`,
        [id],
      );
      const [row] = await manager.query(
        `INSERT INTO "${this.s}".ledger_closes (id, unit_code, unit_path, month, closed_at, closed_by, counts)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, unit_code, month, closed_at, closed_by, counts`,
        [id, unitCode, unitPath, month, closedAt, closedBy, { vacancies: inserted }],
      );
      return closeOf(row);
    });
  }

  async snapshotRow(closeId: string, ledger: JobsLedger, rowNo: number): Promise<LedgerRow | undefined> {
    const rows = await this.dataSource.query(
      `SELECT row FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2 AND row_no = $3`,
      [closeId, ledger, rowNo],
    );
    return rows[0]?.row;
  }

  async addCorrection(c: {
    closeId: string;
    ledger: JobsLedger;
    rowNo: number;
    field: string;
    oldValue: string | null;
    newValue: string | null;
    reason: string;
    correctedBy: string;
    correctedAt: Date;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${this.s}".ledger_corrections
         (close_id, ledger, row_no, field, old_value, new_value, reason, corrected_by, corrected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.closeId, c.ledger, c.rowNo, c.field, c.oldValue, c.newValue, c.reason, c.correctedBy, c.correctedAt],
    );
  }

  async corrections(closeId: string): Promise<Array<LedgerCorrectionLine & { ledger: string }>> {
    const rows = await this.dataSource.query(
      `SELECT ledger, row_no, field, old_value, new_value, reason, corrected_by, corrected_at
         FROM "${this.s}".ledger_corrections WHERE close_id = $1 ORDER BY corrected_at, id`,
      [closeId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      ledger: r.ledger as string,
      rowNo: r.row_no as number,
      field: r.field as string,
      oldValue: r.old_value as string | null,
      newValue: r.new_value as string | null,
      reason: r.reason as string,
      correctedBy: r.corrected_by as string,
      correctedAt: (r.corrected_at as Date).toISOString(),
    }));
  }
}

function closeOf(row: Record<string, unknown>): LedgerClose {
  return {
    id: row.id as string,
    unitCode: row.unit_code as string,
    month: row.month as string,
    closedAt: (row.closed_at as Date).toISOString(),
    closedBy: row.closed_by as string,
    counts: row.counts as Record<string, number>,
  };
}
