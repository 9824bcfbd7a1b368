import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EmployerView } from '@platform/contracts';
import { AreaScope, inScope, scopeParams } from '../shared/area-scope';

export interface EmployerRow {
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
  /** Grows by one with each staff correction; carried by the employer events. */
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** An employer's stored fields, as written by registration and correction. */
export interface EmployerValues {
  uscc: string;
  name: string;
  industry: string;
  districtCode: string;
  streetCode: string;
  communityCode: string | null;
  orgPath: string;
  addressDetail: string;
  contacts: EmployerView['contacts'];
}

const values = (v: EmployerValues) => [
  v.uscc,
  v.name,
  v.industry,
  v.districtCode,
  v.streetCode,
  v.communityCode,
  v.orgPath,
  v.addressDetail,
  JSON.stringify(v.contacts),
];

/** The employers table. Staff reads and writes take the caller's area; the portal's take the employer's id. */
@Injectable()
export class EmployersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  /** Inserts only when the employer's own area lies in the caller's; undefined when refused or a duplicate. */
  async insert(employer: EmployerValues, scope: AreaScope, run = this.dataSource.manager) {
    const [row] = (await run.query(
      `INSERT INTO "${this.schema}".employers
         (uscc, name, industry, district_code, street_code, community_code, org_path, address_detail, contacts)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE ${inScope('$7::text', 10)}
       ON CONFLICT (uscc) DO NOTHING
       RETURNING *`,
      [...values(employer), ...scopeParams(scope)],
    )) as EmployerRow[];
    return row;
  }

  async list(scope: AreaScope, nameLike: string | undefined, limit: number, offset: number) {
    const params: unknown[] = [...scopeParams(scope), limit, offset];
    if (nameLike) params.push(`%${nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "${this.schema}".employers
        WHERE ${inScope('org_path', 1)} ${nameLike ? 'AND name ILIKE $5' : ''}
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      params,
    )) as Array<EmployerRow & { total: string }>;
  }

  async findInScope(id: string, scope: AreaScope): Promise<EmployerRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM "${this.schema}".employers WHERE id = $1 AND ${inScope('org_path', 2)}`,
      [id, ...scopeParams(scope)],
    )) as EmployerRow[];
    return row;
  }

  async findOwn(employerId: string): Promise<EmployerRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM "${this.schema}".employers WHERE id = $1`, [
      employerId,
    ])) as EmployerRow[];
    return row;
  }

  /** Updates only when the employer is in the caller's area and stays there; undefined otherwise. */
  async update(
    id: string,
    employer: EmployerValues,
    scope: AreaScope,
    run = this.dataSource.manager,
  ): Promise<EmployerRow | undefined> {
    const [rows] = (await run.query(
      `UPDATE "${this.schema}".employers SET uscc = $2, name = $3, industry = $4, district_code = $5,
         street_code = $6, community_code = $7, org_path = $8, address_detail = $9, contacts = $10,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND ${inScope('org_path', 11)} AND ${inScope('$8::text', 11)}
       RETURNING *`,
      [id, ...values(employer), ...scopeParams(scope)],
    )) as [EmployerRow[], number];
    return rows[0];
  }

  async updateOwnContacts(employerId: string, contacts: EmployerView['contacts']) {
    const [rows] = (await this.dataSource.query(
      `UPDATE "${this.schema}".employers SET contacts = $2, updated_at = now() WHERE id = $1 RETURNING *`,
      [employerId, JSON.stringify(contacts)],
    )) as [EmployerRow[], number];
    return rows[0] as EmployerRow | undefined;
  }
}
