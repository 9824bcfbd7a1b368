import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, CITY_CODE, isWithinScope, orgPathOfCode } from '@platform/auth';
import type { EmployerDeclineReason, EmployerDeclineReport } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { EMPLOYER_DECLINE_REASONS } from '../referrals/referral.dto';

/** The same bound as the hotline's KPI periods. */
const MAX_PERIOD_DAYS = 371;

@Injectable()
export class DeclineReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get s(): string {
    return `"${String((this.dataSource.options as { schema?: string }).schema)}"`;
  }

  /** Declines in the unit's subtree (by the vacancy's place of work) between two Shanghai days, inclusive. */
  async report(
    user: AuthenticatedUser,
    query: { unit?: string; from: string; to: string },
  ): Promise<EmployerDeclineReport> {
    const unit = query.unit ?? user.orgCode;
    const path = orgPathOfCode(unit);
    checkPeriod(query.from, query.to);
    if (!isWithinScope(user, path))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'The unit is outside your area / 该单位不在您的管辖范围内',
        [
          {
            field: 'unit',
            rule: 'inScope',
            message: { zh: 'unit：不在您的管辖范围内', en: 'unit: is outside the caller’s org subtree' },
          },
        ],
      );
    const rows: Array<{ code: EmployerDeclineReason | null; count: string }> = await this.dataSource.query(
      `SELECT r.employer_reason_code AS code, count(*) AS count
         FROM ${this.s}.referrals r JOIN ${this.s}.vacancies v ON v.id = r.vacancy_id
        WHERE r.employer_declined_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND r.employer_declined_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND ($3 = '${CITY_CODE}' OR v.district_code = $3 OR v.street_code = $3 OR v.community_code = $3)
        GROUP BY r.employer_reason_code`,
      [query.from, query.to, unit],
    );
    const byReason = Object.fromEntries(
      [...EMPLOYER_DECLINE_REASONS, 'uncoded' as const].map((code) => [code, 0]),
    ) as Record<EmployerDeclineReason | 'uncoded', number>;
    for (const row of rows) byReason[row.code ?? 'uncoded'] = Number(row.count);
    const total = Object.values(byReason).reduce((sum, count) => sum + count, 0);
    return { unit, from: query.from, to: query.to, total, byReason };
  }
}

/** The DTO checked the form; the days must also exist, be in order and span at most a year. */
function checkPeriod(from: string, to: string): void {
  const days = (to: string, from: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const problem = (rule: string, zh: string, en: string) =>
    new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', [
      { field: 'to', rule, message: { zh: `to：${zh}`, en: `to: ${en}` } },
    ]);
  if (days(to, from) < 0) throw problem('notBeforeFrom', '不能早于 from', 'must not be before from');
  if (days(to, from) >= MAX_PERIOD_DAYS)
    throw problem(
      'maxPeriod',
      `期间最多 ${MAX_PERIOD_DAYS} 天`,
      `the period spans at most ${MAX_PERIOD_DAYS} days`,
    );
}
