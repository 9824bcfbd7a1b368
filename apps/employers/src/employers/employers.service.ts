import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, CITY_CODE, orgScope } from '@platform/auth';
import { EmployerView, Topics } from '@platform/contracts';
import { FieldError, Page, ProblemException } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import { EmployerBody, UpdateEmployerBody } from './employer.dto';
import { normalizeUscc, USCC_MESSAGES, usccProblem } from './uscc';

interface EmployerRow {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  district_code: string;
  street_code: string;
  community_code: string | null;
  org_path: string;
  address_detail: string;
  contacts: EmployerView['contacts'];
  created_at: Date;
  updated_at: Date;
}

export function toEmployerView(row: EmployerRow): EmployerView {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    industry: row.industry,
    districtCode: row.district_code,
    streetCode: row.street_code,
    communityCode: row.community_code,
    orgPath: row.org_path,
    addressDetail: row.address_detail,
    contacts: row.contacts,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The rules a complete employer record must satisfy beyond the DTO's field formats. */
export function employerFieldErrors(body: EmployerBody): FieldError[] {
  const errors: FieldError[] = [];
  const problem = usccProblem(normalizeUscc(body.uscc));
  if (problem) errors.push({ field: 'uscc', rule: problem, message: USCC_MESSAGES[problem] });
  if (!body.streetCode.startsWith(body.districtCode))
    errors.push({
      field: 'streetCode',
      rule: 'withinDistrict',
      message: { zh: '街道不属于所填区县', en: 'the street is not in the given district' },
    });
  if (body.communityCode && !body.communityCode.startsWith(body.streetCode))
    errors.push({
      field: 'communityCode',
      rule: 'withinStreet',
      message: { zh: '社区不属于所填街道', en: 'the community is not in the given street' },
    });
  return errors;
}

@Injectable()
export class EmployersService {
  constructor(private readonly dataSource: DataSource) {}

  private get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async create(body: EmployerBody, user: AuthenticatedUser, correlationId: string): Promise<EmployerView> {
    const errors = employerFieldErrors(body);
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The employer is invalid / 用人单位信息有误',
        errors,
      );
    const s = this.schema;
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO "${s}".employers
           (uscc, name, industry, district_code, street_code, community_code, org_path, address_detail, contacts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (uscc) DO NOTHING
         RETURNING *`,
        [
          normalizeUscc(body.uscc),
          body.name,
          body.industry,
          body.districtCode,
          body.streetCode,
          body.communityCode ?? null,
          orgPathOf(body),
          body.addressDetail,
          JSON.stringify(body.contacts ?? []),
        ],
      )) as EmployerRow[];
      if (!row)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'An employer with this unified social credit code exists / 该统一社会信用代码已登记',
        );
      await enqueueEvent(manager, s, Topics.employersEmployer, {
        type: 'employers.employer.registered',
        source: 'employers',
        subject: row.id,
        correlationId,
        data: {
          employerId: row.id,
          name: row.name,
          districtCode: row.district_code,
          registeredBy: user.username,
        },
      });
      return toEmployerView(row);
    });
  }

  /** Staff see employers in their part of the tree; an admin (city level) sees all. */
  async list(
    user: AuthenticatedUser,
    q: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<EmployerView>> {
    const scope = orgScope(user);
    const params: unknown[] = [scope.path, scope.descendants, limit, offset];
    let filter = '';
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filter = `AND name ILIKE $5`;
    }
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "${this.schema}".employers
        WHERE ${this.scopeClause(user)} ${filter}
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      params,
    )) as Array<EmployerRow & { total: string }>;
    return { items: rows.map(toEmployerView), total: rows.length ? Number(rows[0].total) : 0, limit, offset };
  }

  async findForStaff(user: AuthenticatedUser, id: string): Promise<EmployerView> {
    const scope = orgScope(user);
    const [row] = (await this.dataSource.query(
      `SELECT * FROM "${this.schema}".employers WHERE id = $3 AND ${this.scopeClause(user)}`,
      [scope.path, scope.descendants, id],
    )) as EmployerRow[];
    if (!row) throw notFound();
    return toEmployerView(row);
  }

  /** An employer account reads only the record its token names. */
  async findOwn(employerId: string): Promise<EmployerView> {
    const [row] = (await this.dataSource.query(`SELECT * FROM "${this.schema}".employers WHERE id = $1`, [
      employerId,
    ])) as EmployerRow[];
    if (!row) throw notFound();
    return toEmployerView(row);
  }

  async update(user: AuthenticatedUser, id: string, body: UpdateEmployerBody): Promise<EmployerView> {
    const current = await this.findForStaff(user, id);
    const merged: EmployerBody = {
      uscc: body.uscc ?? current.uscc,
      name: body.name ?? current.name,
      industry: body.industry ?? current.industry,
      districtCode: body.districtCode ?? current.districtCode,
      streetCode: body.streetCode ?? current.streetCode,
      communityCode:
        body.communityCode ?? (body.streetCode ? undefined : (current.communityCode ?? undefined)),
      addressDetail: body.addressDetail ?? current.addressDetail,
      contacts: body.contacts ?? current.contacts,
    };
    const errors = employerFieldErrors(merged);
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The employer is invalid / 用人单位信息有误',
        errors,
      );
    try {
      const [[row]] = (await this.dataSource.query(
        `UPDATE "${this.schema}".employers SET uscc = $2, name = $3, industry = $4, district_code = $5,
           street_code = $6, community_code = $7, org_path = $8, address_detail = $9, contacts = $10, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [
          id,
          normalizeUscc(merged.uscc),
          merged.name,
          merged.industry,
          merged.districtCode,
          merged.streetCode,
          merged.communityCode ?? null,
          orgPathOf(merged),
          merged.addressDetail,
          JSON.stringify(merged.contacts),
        ],
      )) as [EmployerRow[], number];
      return toEmployerView(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'Another employer has this code / 该统一社会信用代码已被其他单位使用',
        );
      throw error;
    }
  }

  async updateOwnContacts(employerId: string, contacts: EmployerView['contacts']): Promise<EmployerView> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE "${this.schema}".employers SET contacts = $2, updated_at = now() WHERE id = $1 RETURNING *`,
      [employerId, JSON.stringify(contacts)],
    )) as [EmployerRow[], number];
    if (!row) throw notFound();
    return toEmployerView(row);
  }

  /** Params $1/$2 must be the caller's org scope; an account at city level covers every employer. */
  private scopeClause(_user: AuthenticatedUser): string {
    return `(org_path = $1 OR org_path LIKE $2)`;
  }
}

function orgPathOf(body: Pick<EmployerBody, 'districtCode' | 'streetCode'>): string {
  return `${CITY_CODE}/${body.districtCode}/${body.streetCode}`;
}

export function notFound(): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, 'No such employer / 未找到该用人单位');
}
