import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { cursorBatches, LEDGER_WORK_MEM, LedgerCorrectionLine, LedgerRow } from '@platform/ledger-export';
import { PEOPLE_LEDGER_DEFINITIONS, PEOPLE_LEDGERS, PeopleLedger } from './people-ledgers';

export interface LedgerClose {
  id: string;
  unitCode: string;
  month: string;
  closedAt: string;
  closedBy: string;
  counts: Record<string, number>;
}

export interface ImportedRow {
  rowNo: number;
  name: string;
  idNumberMasked: string;
  idNumberBidx: Buffer;
  communityCode: string;
  orgPath: string;
  insuranceType: string | null;
  since: string;
}

/**
 * Every statement of the ledgers. Reads take the unit's subtree and the caller's scope and put both in the
 * WHERE; the closed month's rows are read only through a close row found inside the caller's scope.
 */
@Injectable()
export class LedgersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: Pick<PeopleConfig, 'DB_SCHEMA'>,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  private live(ledger: PeopleLedger, month: string, unit: Scope, caller: Scope) {
    return {
      sql: PEOPLE_LEDGER_DEFINITIONS[ledger].sql(this.s),
      params: [month, ...scopeParams(unit), ...scopeParams(caller)] as unknown[],
    };
  }

  async countLive(ledger: PeopleLedger, month: string, unit: Scope, caller: Scope): Promise<number> {
    const { sql, params } = this.live(ledger, month, unit, caller);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
    return row.n;
  }

  async pageLive(
    ledger: PeopleLedger,
    month: string,
    unit: Scope,
    caller: Scope,
    limit: number,
    offset: number,
  ): Promise<LedgerRow[]> {
    const { sql, params } = this.live(ledger, month, unit, caller);
    const n = params.length;
    return this.dataSource.query(`${sql} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset]);
  }

  /** The live ledger, batch by batch from a server-side cursor (one REPEATABLE READ transaction). */
  streamLive(
    ledger: PeopleLedger,
    month: string,
    unit: Scope,
    caller: Scope,
    onBatch: (rows: LedgerRow[]) => Promise<void>,
  ): Promise<void> {
    const { sql, params } = this.live(ledger, month, unit, caller);
    return cursorBatches<LedgerRow>(this.dataSource, sql, params, onBatch);
  }

  /** A closed month's rows of one ledger, as snapshotted, in their order. */
  streamSnapshot(closeId: string, ledger: PeopleLedger, onBatch: (rows: LedgerRow[]) => Promise<void>) {
    return cursorBatches<LedgerRow>(
      this.dataSource,
      `SELECT row_no, row FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2 ORDER BY row_no`,
      [closeId, ledger],
      (rows) => onBatch(rows.map((r) => ({ ...(r.row as unknown as LedgerRow), rowNo: r.row_no }))),
    );
  }

  async pageSnapshot(
    closeId: string,
    ledger: PeopleLedger,
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

  /** The unit's closed month, if the unit lies in the caller's scope and the month was closed. */
  async findClose(unitPath: string, month: string, caller: Scope): Promise<LedgerClose | undefined> {
    const rows = await this.dataSource.query(
      `SELECT id, unit_code, month, closed_at, closed_by, counts FROM "${this.s}".ledger_closes
        WHERE unit_path = $1 AND month = $2 AND ${inScope('unit_path', 3)}`,
      [unitPath, month, ...scopeParams(caller)],
    );
    return rows[0] && closeOf(rows[0]);
  }

  /**
   * Closes the month: every ledger's live rows copied into the snapshot in one transaction (set-based, no row
   * through Node), then the close row with the counts. A second close of the same unit and month fails on the
   * unique key (the caller answers 409).
   */
  async close(
    unitCode: string,
    unitPath: string,
    month: string,
    unit: Scope,
    caller: Scope,
    closedBy: string,
    closedAt: Date,
  ): Promise<LedgerClose> {
    const id = randomUUID();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${LEDGER_WORK_MEM}'`);
      const counts: Record<string, number> = {};
      for (const ledger of PEOPLE_LEDGERS) {
        const { sql, params } = this.live(ledger, month, unit, caller);
        const n = params.length;
        await manager.query(
          `INSERT INTO "${this.s}".ledger_snapshot_rows (close_id, ledger, row_no, row)
           SELECT $${n + 1}, $${n + 2}, row_number() OVER (), to_jsonb(q) FROM (${sql}) q`,
          [...params, id, ledger],
        );
        const [{ rows }] = await manager.query(
          `SELECT count(*)::int AS rows FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2`,
          [id, ledger],
        );
        counts[ledger] = rows;
      }
      const [row] = await manager.query(
        `INSERT INTO "${this.s}".ledger_closes (id, unit_code, unit_path, month, closed_at, closed_by, counts)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, unit_code, month, closed_at, closed_by, counts`,
        [id, unitCode, unitPath, month, closedAt, closedBy, counts],
      );
      return closeOf(row);
    });
  }

  /** One row of a closed month, for a correction's old value. */
  async snapshotRow(closeId: string, ledger: PeopleLedger, rowNo: number): Promise<LedgerRow | undefined> {
    const rows = await this.dataSource.query(
      `SELECT row FROM "${this.s}".ledger_snapshot_rows WHERE close_id = $1 AND ledger = $2 AND row_no = $3`,
      [closeId, ledger, rowNo],
    );
    return rows[0]?.row;
  }

  async addCorrection(input: {
    closeId: string;
    ledger: PeopleLedger;
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
      [
        input.closeId,
        input.ledger,
        input.rowNo,
        input.field,
        input.oldValue,
        input.newValue,
        input.reason,
        input.correctedBy,
        input.correctedAt,
      ],
    );
  }

  async corrections(
    closeId: string,
    ledger?: PeopleLedger,
  ): Promise<Array<LedgerCorrectionLine & { ledger: string }>> {
    const rows = await this.dataSource.query(
      `SELECT ledger, row_no, field, old_value, new_value, reason, corrected_by, corrected_at
         FROM "${this.s}".ledger_corrections WHERE close_id = $1 AND ($2::text IS NULL OR ledger = $2)
        ORDER BY corrected_at, id`,
      [closeId, ledger ?? null],
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

  /**
   * One imported list and its rows in one transaction; each row is linked to the person registered here with
   * the same ID number (blind index), inside the importer's scope.
   */
  async insertImport(input: {
    kind: 'insured' | 'retired';
    unitPath: string;
    source: string;
    asOf: string;
    rows: ImportedRow[];
    importedBy: string;
    importedAt: Date;
    caller: Scope;
  }): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO "${this.s}".social_insurance_imports (kind, unit_path, source, as_of, row_count, imported_by, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          input.kind,
          input.unitPath,
          input.source,
          input.asOf,
          input.rows.length,
          input.importedBy,
          input.importedAt,
        ],
      );
      const r = input.rows;
      await manager.query(
        `INSERT INTO "${this.s}".social_insurance_import_rows
           (import_id, row_no, name, id_number_masked, id_number_bidx, community_code, org_path, insurance_type, since, person_id)
         SELECT $1, t.row_no, t.name, t.masked, t.bidx, t.community, t.org_path, t.insurance, t.since::date,
                (SELECT p.id FROM "${this.s}".persons p WHERE p.id_number_bidx = t.bidx AND ${inScope('p.org_path', 10)})
           FROM unnest($2::int[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::text[], $8::text[], $9::text[])
             AS t(row_no, name, masked, bidx, community, org_path, insurance, since)`,
        [
          id,
          r.map((x) => x.rowNo),
          r.map((x) => x.name),
          r.map((x) => x.idNumberMasked),
          r.map((x) => x.idNumberBidx),
          r.map((x) => x.communityCode),
          r.map((x) => x.orgPath),
          r.map((x) => x.insuranceType),
          r.map((x) => x.since),
          ...scopeParams(input.caller),
        ],
      );
      return id as string;
    });
  }

  async matchedInImport(importId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(person_id)::int AS n FROM "${this.s}".social_insurance_import_rows WHERE import_id = $1`,
      [importId],
    );
    return row.n;
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
