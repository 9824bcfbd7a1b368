import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AssistanceBaseView, BaseCapacity } from '@platform/contracts';
import { Page, ProblemException } from '@platform/nest-kit';
import { AreaScope, notFound } from '../shared/area-scope';
import { CreateAssistanceBaseBody } from './assistance-base.dto';
import { AssistanceBasesRepository } from './assistance-bases.repository';

export const noSuchBase = () => notFound({ en: 'assistance base', zh: '援助基地' });

/** Assistance bases (援助基地): supervisors designate them for employers in their area and declare capacity. */
@Injectable()
export class AssistanceBasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bases: AssistanceBasesRepository,
  ) {}

  async create(body: CreateAssistanceBaseBody, actor: string, scope: AreaScope): Promise<AssistanceBaseView> {
    if (body.designatedTo < body.designatedFrom)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The designation period is invalid / 认定期限有误', [
        {
          field: 'designatedTo',
          rule: 'notBeforeFrom',
          message: { zh: '截止日期不能早于起始日期', en: 'designatedTo must not be before designatedFrom' },
        },
      ]);
    const periods = body.capacities.map((entry) => entry.period);
    if (new Set(periods).size !== periods.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The capacities are invalid / 容量信息有误', [
        {
          field: 'capacities',
          rule: 'onePerPeriod',
          message: { zh: '每个月份只能申报一次容量', en: 'each period may appear only once' },
        },
      ]);
    return this.dataSource.transaction(async (manager) => {
      // An employer outside the caller's area is as unknown to them as one that does not exist.
      if (!(await this.bases.employerInScope(manager, body.employerId, scope)))
        throw new ProblemException(HttpStatus.BAD_REQUEST, 'No such employer / 未找到该用人单位', [
          { field: 'employerId', rule: 'exists', message: { zh: '用人单位不存在', en: 'no such employer' } },
        ]);
      const id = await this.bases.insert(manager, body, actor);
      return (await this.bases.findById(id, scope, manager))!;
    });
  }

  async get(id: string, scope: AreaScope): Promise<AssistanceBaseView> {
    const base = await this.bases.findById(id, scope);
    if (!base) throw noSuchBase();
    return base;
  }

  async list(scope: AreaScope, limit: number, offset: number): Promise<Page<AssistanceBaseView>> {
    return { ...(await this.bases.list(scope, limit, offset)), limit, offset };
  }

  async putCapacity(id: string, period: string, capacity: number, scope: AreaScope): Promise<BaseCapacity> {
    const written = await this.bases.putCapacity(id, period, capacity, scope);
    if (written) return written;
    await this.get(id, scope);
    throw new ProblemException(
      HttpStatus.CONFLICT,
      'Capacity is below what is already reserved / 容量不能低于已预留数量',
    );
  }
}
