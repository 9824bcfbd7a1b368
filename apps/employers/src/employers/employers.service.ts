import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, CITY_CODE } from '@platform/auth';
import { randomUUID } from 'node:crypto';
import {
  EmployerEventTypes,
  employerRegisteredDataSchema,
  employerUpdatedDataSchema,
  EmployerView,
  Topics,
} from '@platform/contracts';
import { FieldError, Page, ProblemException } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import { areaScope, coversPath } from '../shared/area-scope';
import { EmployerBody, UpdateEmployerBody } from './employer.dto';
import { EmployerRow, EmployersRepository, EmployerValues } from './employers.repository';
import { normalizeUscc, USCC_MESSAGES, usccProblem } from './uscc';

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

const outsideYourArea = () =>
  new ProblemException(HttpStatus.FORBIDDEN, 'The district is outside your area / 该区县不在您的辖区内', [
    {
      field: 'districtCode',
      rule: 'withinYourArea',
      message: {
        zh: '只能登记或改到本辖区内',
        en: 'an employer can only be registered in or moved within your area',
      },
    },
  ]);

const invalid = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'The employer is invalid / 用人单位信息有误', errors);

function storedValues(body: EmployerBody): EmployerValues {
  return {
    uscc: normalizeUscc(body.uscc),
    name: body.name,
    industry: body.industry,
    districtCode: body.districtCode,
    streetCode: body.streetCode,
    communityCode: body.communityCode ?? null,
    orgPath: `${CITY_CODE}/${body.districtCode}/${body.streetCode}`,
    addressDetail: body.addressDetail,
    contacts: body.contacts ?? [],
  };
}

/** Employers: staff register and correct them within their area (in the SQL); an employer keeps its contacts. */
@Injectable()
export class EmployersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly employers: EmployersRepository,
  ) {}

  private get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async create(body: EmployerBody, user: AuthenticatedUser, correlationId: string): Promise<EmployerView> {
    const errors = employerFieldErrors(body);
    if (errors.length) throw invalid(errors);
    const scope = areaScope(user);
    const employer = storedValues(body);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.employers.insert(employer, scope, manager);
      if (!row) {
        if (!coversPath(scope, employer.orgPath)) throw outsideYourArea();
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'An employer with this unified social credit code exists / 该统一社会信用代码已登记',
        );
      }
      await enqueueEvent(manager, this.schema, Topics.employersEmployer, {
        type: EmployerEventTypes.registered,
        source: 'employers',
        subject: row.id,
        correlationId,
        data: employerRegisteredDataSchema.parse({
          employerId: row.id,
          name: row.name,
          districtCode: row.district_code,
          registeredBy: user.username,
          version: row.version,
        }),
      });
      return toEmployerView(row);
    });
  }

  /** Staff see employers in their part of the tree; an admin sees all. */
  async list(
    user: AuthenticatedUser,
    q: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<EmployerView>> {
    const rows = await this.employers.list(areaScope(user), q, limit, offset);
    return { items: rows.map(toEmployerView), total: rows.length ? Number(rows[0].total) : 0, limit, offset };
  }

  async findForStaff(user: AuthenticatedUser, id: string): Promise<EmployerView> {
    const row = await this.employers.findInScope(id, areaScope(user));
    if (!row) throw notFound();
    return toEmployerView(row);
  }

  /** An employer account reads only the record its token names. */
  async findOwn(employerId: string): Promise<EmployerView> {
    const row = await this.employers.findOwn(employerId);
    if (!row) throw notFound();
    return toEmployerView(row);
  }

  /** A correction; announced (`employers.employer.updated`) with the record's new version in the same transaction. */
  async update(
    user: AuthenticatedUser,
    id: string,
    body: UpdateEmployerBody,
    correlationId: string = randomUUID(),
  ): Promise<EmployerView> {
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
    if (errors.length) throw invalid(errors);
    const scope = areaScope(user);
    const employer = storedValues(merged);
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        const updated = await this.employers.update(id, employer, scope, manager);
        if (updated)
          await enqueueEvent(manager, this.schema, Topics.employersEmployer, {
            type: EmployerEventTypes.updated,
            source: 'employers',
            subject: updated.id,
            correlationId,
            data: employerUpdatedDataSchema.parse({
              employerId: updated.id,
              name: updated.name,
              districtCode: updated.district_code,
              updatedBy: user.username,
              version: updated.version,
            }),
          });
        return updated;
      });
      if (row) return toEmployerView(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'Another employer has this code / 该统一社会信用代码已被其他单位使用',
        );
      throw error;
    }
    if (!coversPath(scope, employer.orgPath)) throw outsideYourArea();
    throw notFound(); // moved out of the caller's area meanwhile
  }

  async updateOwnContacts(employerId: string, contacts: EmployerView['contacts']): Promise<EmployerView> {
    const row = await this.employers.updateOwnContacts(employerId, contacts);
    if (!row) throw notFound();
    return toEmployerView(row);
  }
}

export function notFound(): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, 'No such employer / 未找到该用人单位');
}
