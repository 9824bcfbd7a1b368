import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AreaScope,
  AuthenticatedUser,
  isWithinScope,
  orgPathOfCode,
  orgScope,
  WHOLE_CITY,
} from '@platform/auth';
import { Clock, ProblemException } from '@platform/nest-kit';
import {
  LedgerColumn,
  LedgerCorrectionLine,
  LedgerFileInfo,
  LedgerRow,
  RowSource,
} from '@platform/ledger-export';
import { LedgerClose, LedgersRepository } from './ledgers.repository';
import { JobsLedger, VACANCY_LEDGER } from './vacancy-ledger';

interface Target {
  unitPath: string;
  unit: AreaScope;
  caller: AreaScope;
  close: LedgerClose | undefined;
}

const problem = (status: HttpStatus, field: string, rule: string, zh: string, en: string) =>
  new ProblemException(
    status,
    status === HttpStatus.FORBIDDEN ? 'Forbidden / 无权访问' : 'Request validation failed / 请求校验失败',
    [{ field, rule, message: { zh: `${field}：${zh}`, en: `${field}: ${en}` } }],
  );

const callerScope = (user: AuthenticatedUser): AreaScope =>
  user.roles.includes('admin') ? WHOLE_CITY : orgScope(user);
const covers = (user: AuthenticatedUser, path: string) =>
  user.roles.includes('admin') || isWithinScope(user, path);

/** The employer-vacancies ledger of a unit and month: live until a supervisor closes it, then its snapshot. */
@Injectable()
export class LedgersService {
  constructor(
    private readonly repository: LedgersRepository,
    private readonly clock: Clock,
  ) {}

  private async target(user: AuthenticatedUser, unitCode: string, month: string): Promise<Target> {
    const unitPath = orgPathOfCode(unitCode);
    if (!covers(user, unitPath))
      throw problem(
        HttpStatus.FORBIDDEN,
        'unit',
        'inScope',
        '不在您的管辖范围内',
        'is outside the caller’s org subtree',
      );
    const caller = callerScope(user);
    const unit = orgScope({ ...user, orgPath: unitPath });
    return { unitPath, unit, caller, close: await this.repository.findClose(unitPath, month, caller) };
  }

  async month(user: AuthenticatedUser, unitCode: string, month: string) {
    const t = await this.target(user, unitCode, month);
    return {
      unit: unitCode,
      month,
      state: t.close ? ('closed' as const) : ('open' as const),
      closedAt: t.close?.closedAt ?? null,
      closedBy: t.close?.closedBy ?? null,
      ledgers: [
        {
          ledger: 'vacancies' as const,
          title: VACANCY_LEDGER.title,
          count: t.close
            ? (t.close.counts.vacancies ?? 0)
            : await this.repository.countLive(month, t.unit, t.caller),
        },
      ],
      corrections: t.close ? await this.repository.corrections(t.close.id) : [],
    };
  }

  async rows(
    user: AuthenticatedUser,
    ledger: JobsLedger,
    unitCode: string,
    month: string,
    limit: number,
    offset: number,
  ) {
    const t = await this.target(user, unitCode, month);
    const items = t.close
      ? await this.repository.pageSnapshot(t.close.id, ledger, limit, offset)
      : await this.repository.pageLive(month, t.unit, t.caller, limit, offset);
    return {
      ledger,
      title: VACANCY_LEDGER.title,
      columns: VACANCY_LEDGER.columns,
      state: t.close ? ('closed' as const) : ('open' as const),
      items: items.map((row) => pick(row, VACANCY_LEDGER.columns)),
      total: t.close
        ? (t.close.counts.vacancies ?? 0)
        : await this.repository.countLive(month, t.unit, t.caller),
      limit,
      offset,
      corrections: t.close ? await this.repository.corrections(t.close.id) : ([] as LedgerCorrectionLine[]),
    };
  }

  async exportFile(
    user: AuthenticatedUser,
    ledger: JobsLedger,
    unitCode: string,
    month: string,
  ): Promise<{ info: LedgerFileInfo; source: RowSource }> {
    const t = await this.target(user, unitCode, month);
    const close = t.close;
    const info: LedgerFileInfo = {
      title: VACANCY_LEDGER.title,
      unit: unitCode,
      month,
      state: close
        ? {
            zh: `已关账 ${close.closedAt}（${close.closedBy}）`,
            en: `closed ${close.closedAt} by ${close.closedBy}`,
          }
        : { zh: '未关账：按实时数据生成', en: 'open: built from live data' },
      columns: close
        ? [{ key: 'rowNo', zh: '行号', en: 'Row' }, ...VACANCY_LEDGER.columns]
        : VACANCY_LEDGER.columns,
      summaryBy: VACANCY_LEDGER.summaryBy,
      corrections: close ? await this.repository.corrections(close.id) : [],
    };
    const source: RowSource = close
      ? (onBatch) => this.repository.streamSnapshot(close.id, ledger, onBatch)
      : (onBatch) => this.repository.streamLive(month, t.unit, t.caller, onBatch);
    return { info, source };
  }

  async close(user: AuthenticatedUser, unitCode: string, month: string) {
    const t = await this.target(user, unitCode, month);
    const now = this.clock.now();
    if (now.getTime() < Date.parse(`${nextMonth(month)}-01T00:00:00+08:00`))
      throw problem(
        HttpStatus.BAD_REQUEST,
        'month',
        'ended',
        '只能关闭已结束的月份',
        'only a month that has ended can be closed',
      );
    if (t.close) throw new ProblemException(HttpStatus.CONFLICT, 'The month is already closed / 该月已关账');
    try {
      await this.repository.close(unitCode, t.unitPath, month, t.unit, t.caller, user.username, now);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
        throw new ProblemException(HttpStatus.CONFLICT, 'The month is already closed / 该月已关账');
      throw error;
    }
    return this.month(user, unitCode, month);
  }

  async correct(
    user: AuthenticatedUser,
    input: {
      unit: string;
      month: string;
      ledger: JobsLedger;
      rowNo: number;
      field: string;
      newValue?: string | null;
      reason: string;
    },
  ) {
    const t = await this.target(user, input.unit, input.month);
    if (!t.close)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'Only a closed month takes corrections; an open month is built from live data / 只有已关账的月份需要更正，未关账月份按实时数据生成',
      );
    if (!VACANCY_LEDGER.columns.some((c) => c.key === input.field))
      throw problem(
        HttpStatus.BAD_REQUEST,
        'field',
        'ledgerColumn',
        '不是该台账的列',
        'is not a column of the ledger',
      );
    const row = await this.repository.snapshotRow(t.close.id, input.ledger, input.rowNo);
    if (!row)
      throw problem(
        HttpStatus.BAD_REQUEST,
        'rowNo',
        'exists',
        '该月台账中没有这一行',
        'the closed month has no such row',
      );
    const old = row[input.field];
    await this.repository.addCorrection({
      closeId: t.close.id,
      ledger: input.ledger,
      rowNo: input.rowNo,
      field: input.field,
      oldValue: old === null || old === undefined ? null : String(old),
      newValue: input.newValue ?? null,
      reason: input.reason,
      correctedBy: user.username,
      correctedAt: this.clock.now(),
    });
    return this.month(user, input.unit, input.month);
  }
}

function pick(row: LedgerRow, columns: LedgerColumn[]): LedgerRow {
  const out: LedgerRow = {};
  if (row.rowNo !== undefined) out.rowNo = row.rowNo;
  for (const c of columns) out[c.key] = row[c.key] ?? null;
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
