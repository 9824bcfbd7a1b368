import type { Writable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { orgPathOfCode, orgScope } from '@platform/auth';
import { Clock, FieldError, ProblemException } from '@platform/nest-kit';
import { PiiCipher, maskIdNumber, shanghaiToday } from '@platform/pii';
import { Actor, actorCovers, orgPathOfCommunity, Scope, scopeOf } from '../people-actor';
import { fieldError, invalid } from '../problems';
import {
  LedgerColumn,
  LedgerCorrectionLine,
  LedgerFileInfo,
  LedgerRow,
  LedgerSummary,
  RowSource,
  writeLedgerCsv,
  writeLedgerXlsx,
} from '@platform/ledger-export';
import { LedgerClose, LedgersRepository } from './ledgers.repository';
import { PEOPLE_LEDGER_DEFINITIONS, PEOPLE_LEDGERS, PeopleLedger } from './people-ledgers';
import { checkImport } from './social-insurance-import';

/** A month and unit as the caller may see them: the unit's subtree, the caller's scope, the close if any. */
interface Target {
  unitCode: string;
  unitPath: string;
  month: string;
  unit: Scope;
  caller: Scope;
  close: LedgerClose | undefined;
}

export interface LedgerMonthView {
  unit: string;
  month: string;
  state: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  ledgers: Array<{ ledger: PeopleLedger; title: { zh: string; en: string }; count: number }>;
  corrections: Array<LedgerCorrectionLine & { ledger: string }>;
}

export interface LedgerPage {
  ledger: PeopleLedger;
  title: { zh: string; en: string };
  columns: LedgerColumn[];
  state: 'open' | 'closed';
  items: LedgerRow[];
  total: number;
  limit: number;
  offset: number;
  corrections: LedgerCorrectionLine[];
}

const MAX_LISTED_ERRORS = 100;

@Injectable()
export class LedgersService {
  constructor(
    private readonly repository: LedgersRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  private async target(actor: Actor, unitCode: string, month: string): Promise<Target> {
    const unitPath = orgPathOfCode(unitCode);
    if (!actorCovers(actor, unitPath))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'The unit is outside your area / 该单位不在您的管辖范围内',
        [fieldError('unit', 'inScope', '不在您的管辖范围内', 'is outside the caller’s org subtree')],
      );
    const caller = scopeOf(actor);
    const unit = orgScope({ ...actorShape(actor), orgPath: unitPath });
    const close = await this.repository.findClose(unitPath, month, caller);
    return { unitCode, unitPath, month, unit, caller, close };
  }

  async month(actor: Actor, unitCode: string, month: string): Promise<LedgerMonthView> {
    const t = await this.target(actor, unitCode, month);
    const ledgers = [];
    for (const ledger of PEOPLE_LEDGERS)
      ledgers.push({
        ledger,
        title: PEOPLE_LEDGER_DEFINITIONS[ledger].title,
        count: t.close
          ? (t.close.counts[ledger] ?? 0)
          : await this.repository.countLive(ledger, month, t.unit, t.caller),
      });
    return {
      unit: unitCode,
      month,
      state: t.close ? 'closed' : 'open',
      closedAt: t.close?.closedAt ?? null,
      closedBy: t.close?.closedBy ?? null,
      ledgers,
      corrections: t.close ? await this.repository.corrections(t.close.id) : [],
    };
  }

  async rows(
    actor: Actor,
    ledger: PeopleLedger,
    unitCode: string,
    month: string,
    limit: number,
    offset: number,
  ): Promise<LedgerPage> {
    const t = await this.target(actor, unitCode, month);
    const definition = PEOPLE_LEDGER_DEFINITIONS[ledger];
    const items = t.close
      ? await this.repository.pageSnapshot(t.close.id, ledger, limit, offset)
      : await this.repository.pageLive(ledger, month, t.unit, t.caller, limit, offset);
    return {
      ledger,
      title: definition.title,
      columns: definition.columns,
      state: t.close ? 'closed' : 'open',
      items: items.map((row) => pick(row, definition.columns)),
      total: t.close
        ? (t.close.counts[ledger] ?? 0)
        : await this.repository.countLive(ledger, month, t.unit, t.caller),
      limit,
      offset,
      corrections: t.close ? await this.repository.corrections(t.close.id, ledger) : [],
    };
  }

  /** What an export writes: the file's header facts and its rows (a closed month from its snapshot). */
  async exportFile(
    actor: Actor,
    ledger: PeopleLedger,
    unitCode: string,
    month: string,
  ): Promise<{ info: LedgerFileInfo; source: RowSource }> {
    const t = await this.target(actor, unitCode, month);
    const definition = PEOPLE_LEDGER_DEFINITIONS[ledger];
    const close = t.close;
    const info: LedgerFileInfo = {
      title: definition.title,
      unit: unitCode,
      month,
      state: close
        ? {
            zh: `已关账 ${close.closedAt}（${close.closedBy}）`,
            en: `closed ${close.closedAt} by ${close.closedBy}`,
          }
        : { zh: '未关账：按实时数据生成', en: 'open: built from live data' },
      columns: close ? [{ key: 'rowNo', zh: '行号', en: 'Row' }, ...definition.columns] : definition.columns,
      summaryBy: definition.summaryBy,
      corrections: close ? await this.repository.corrections(close.id, ledger) : [],
    };
    const source: RowSource = close
      ? (onBatch) => this.repository.streamSnapshot(close.id, ledger, onBatch)
      : (onBatch) => this.repository.streamLive(ledger, month, t.unit, t.caller, onBatch);
    return { info, source };
  }

  /** Streams the ledger as CSV or XLSX into `out` (the bench and the specs; the controller writes the response). */
  async export(
    actor: Actor,
    ledger: PeopleLedger,
    unitCode: string,
    month: string,
    format: 'csv' | 'xlsx',
    out: Writable,
  ): Promise<LedgerSummary> {
    const { info, source } = await this.exportFile(actor, ledger, unitCode, month);
    return format === 'csv' ? writeLedgerCsv(out, info, source) : writeLedgerXlsx(out, info, source);
  }

  /** A supervisor closes a unit's ended month: every ledger is kept as it stands now. */
  async close(actor: Actor, unitCode: string, month: string): Promise<LedgerMonthView> {
    const t = await this.target(actor, unitCode, month);
    const now = this.clock.now();
    const monthEnds = Date.parse(`${nextMonth(month)}-01T00:00:00+08:00`);
    if (now.getTime() < monthEnds)
      throw invalid([
        fieldError('month', 'ended', '只能关闭已结束的月份', 'only a month that has ended can be closed'),
      ]);
    if (t.close) throw alreadyClosed(t.close);
    try {
      await this.repository.close(unitCode, t.unitPath, month, t.unit, t.caller, actor.username, now);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code;
      if (code === '23505')
        throw new ProblemException(HttpStatus.CONFLICT, 'The month is already closed / 该月已关账');
      throw error;
    }
    return this.month(actor, unitCode, month);
  }

  /** A correction to a closed month: kept beside the snapshot (who, when, why, old → new), never in it. */
  async correct(
    actor: Actor,
    input: {
      unit: string;
      month: string;
      ledger: PeopleLedger;
      rowNo: number;
      field: string;
      newValue?: string | null;
      reason: string;
    },
  ): Promise<LedgerMonthView> {
    const t = await this.target(actor, input.unit, input.month);
    if (!t.close)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'Only a closed month takes corrections; an open month is built from live data / 只有已关账的月份需要更正，未关账月份按实时数据生成',
      );
    const definition = PEOPLE_LEDGER_DEFINITIONS[input.ledger];
    if (!definition.columns.some((c) => c.key === input.field))
      throw invalid([fieldError('field', 'ledgerColumn', '不是该台账的列', 'is not a column of the ledger')]);
    const row = await this.repository.snapshotRow(t.close.id, input.ledger, input.rowNo);
    if (!row)
      throw invalid([
        fieldError('rowNo', 'exists', '该月台账中没有这一行', 'the closed month has no such row'),
      ]);
    const old = row[input.field];
    await this.repository.addCorrection({
      closeId: t.close.id,
      ledger: input.ledger,
      rowNo: input.rowNo,
      field: input.field,
      oldValue: old === null || old === undefined ? null : String(old),
      newValue: input.newValue ?? null,
      reason: input.reason,
      correctedBy: actor.username,
      correctedAt: this.clock.now(),
    });
    return this.month(actor, input.unit, input.month);
  }

  /** Imports an insured or retiree list for a unit: all rows valid or nothing stored. */
  async importList(
    actor: Actor,
    input: { kind: 'insured' | 'retired'; unit: string; source: string; asOf: string; csv: string },
  ): Promise<{ importId: string; rows: number; matchedPersons: number }> {
    const unitPath = orgPathOfCode(input.unit);
    if (!actorCovers(actor, unitPath))
      throw invalid([
        fieldError('unit', 'inScope', '不在您的管辖范围内', 'is outside the caller’s org subtree'),
      ]);
    const today = shanghaiToday(this.clock.now());
    if (input.asOf > today)
      throw invalid([fieldError('asOf', 'notFuture', '不能晚于今天', 'must not be after today')]);
    const inArea = (community: string) => {
      const path = orgPathOfCommunity(community);
      return (path === unitPath || path.startsWith(`${unitPath}/`)) && actorCovers(actor, path);
    };
    const { rows, errors } = checkImport(input.kind, input.csv, input.asOf, today, inArea);
    if (errors.length) throw invalid(capped(errors));
    const caller = scopeOf(actor);
    const importId = await this.repository.insertImport({
      kind: input.kind,
      unitPath,
      source: input.source,
      asOf: input.asOf,
      importedBy: actor.username,
      importedAt: this.clock.now(),
      caller,
      rows: rows.map((r) => ({
        rowNo: r.rowNo,
        name: r.name,
        idNumberMasked: maskIdNumber(r.idNumber),
        idNumberBidx: this.cipher.blindIndex('id', r.idNumber),
        communityCode: r.communityCode,
        orgPath: orgPathOfCommunity(r.communityCode),
        insuranceType: r.insuranceType,
        since: r.since,
      })),
    });
    const matchedPersons = await this.repository.matchedInImport(importId);
    return { importId, rows: rows.length, matchedPersons };
  }
}

function capped(errors: FieldError[]): FieldError[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  return [
    ...errors.slice(0, MAX_LISTED_ERRORS),
    fieldError(
      'csv',
      'moreErrors',
      `另有 ${errors.length - MAX_LISTED_ERRORS} 处错误`,
      `${errors.length - MAX_LISTED_ERRORS} more errors`,
    ),
  ];
}

function pick(row: LedgerRow, columns: LedgerColumn[]): LedgerRow {
  const out: LedgerRow = {};
  if (row.rowNo !== undefined) out.rowNo = row.rowNo;
  for (const c of columns) out[c.key] = row[c.key] ?? null;
  return out;
}

function alreadyClosed(close: LedgerClose): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    `The month was closed at ${close.closedAt} by ${close.closedBy} / 该月已于 ${close.closedAt} 由 ${close.closedBy} 关账`,
  );
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** orgScope wants an authenticated user; only the org path matters to it. */
function actorShape(actor: Actor) {
  return { ...actor, orgCode: '', employerId: null };
}
