import { HttpStatus, Injectable } from '@nestjs/common';
import type { WelfarePoolView } from '@platform/contracts';
import { orgPathOfCode } from '@platform/auth';
import { Page, ProblemException } from '@platform/nest-kit';
import { AreaScope, coversPath, notFound } from '../shared/area-scope';
import { CreateWelfarePoolBody } from './welfare-pool.dto';
import { WelfarePoolsRepository } from './welfare-pools.repository';

export const noSuchPool = () => notFound({ en: 'public-welfare post pool', zh: '公益性岗位池' });

/** Public-welfare post pools (公益性岗位): funded per district, post type and month, registered by supervisors. */
@Injectable()
export class WelfarePoolsService {
  constructor(private readonly pools: WelfarePoolsRepository) {}

  async create(body: CreateWelfarePoolBody, actor: string, scope: AreaScope): Promise<WelfarePoolView> {
    if (body.priorityReserve > body.fundedSlots)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The pool is invalid / 岗位池信息有误', [
        {
          field: 'priorityReserve',
          rule: 'notAboveFundedSlots',
          message: { zh: '优先保留数不能超过资助岗位数', en: 'priorityReserve must not exceed fundedSlots' },
        },
      ]);
    if (body.employerId && !(await this.pools.employerInScope(body.employerId, scope)))
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'No such employer / 未找到该用人单位', [
        { field: 'employerId', rule: 'exists', message: { zh: '用人单位不存在', en: 'no such employer' } },
      ]);
    const orgPath = orgPathOfCode(body.districtCode);
    const id = await this.pools.insert(body, orgPath, actor, scope);
    if (id) return (await this.pools.findById(id, scope))!;
    if (!coversPath(scope, orgPath))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'The district is outside your area / 该区县不在您的辖区内',
        [
          {
            field: 'districtCode',
            rule: 'withinYourArea',
            message: { zh: '只能为本辖区登记岗位池', en: 'a pool can only be registered for your own area' },
          },
        ],
      );
    throw new ProblemException(HttpStatus.CONFLICT, 'This pool exists / 该区县本期此类岗位池已存在');
  }

  async get(id: string, scope: AreaScope): Promise<WelfarePoolView> {
    const pool = await this.pools.findById(id, scope);
    if (!pool) throw noSuchPool();
    return pool;
  }

  async list(
    scope: AreaScope,
    districtCode: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<WelfarePoolView>> {
    return { ...(await this.pools.list(scope, districtCode, limit, offset)), limit, offset };
  }
}
