import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';

/** A persons row as stored (`registered_on`, from reads: the unemployment registration date as YYYY-MM-DD). */
export interface PersonRow {
  id: string;
  name: string;
  id_number_masked: string;
  phone_bidx: Buffer;
  phone_masked: string;
  gender: 'male' | 'female';
  hukou_type: 'urban' | 'rural';
  hukou_place: string;
  residence_address: string | null;
  community_code: string;
  org_path: string;
  education: string | null;
  skills: { codes: string[]; text: string | null };
  work_history: unknown[];
  disability_certificate_enc: string | null;
  disability_certificate_masked: string | null;
  available_hours: string | null;
  max_distance_km: number | null;
  unemployment_registered_on: Date | string | null;
  unemployment_status: string;
  circumstances_enc: string;
  household_id: string | null;
  household_relation: string | null;
  categories_evaluated_at: Date | null;
  created_at: Date;
  updated_at: Date;
  registered_on?: string | null;
}

export interface PersonFilters {
  communityCode?: string;
  status?: string;
  category?: string;
  idNumberIndex?: Buffer;
}

/**
 * The persons table and the unmask audit. Every read and change of an existing person takes the caller's
 * scope and puts it in the WHERE; a person outside it is simply not found.
 */
@Injectable()
export class PersonsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /**
   * The person with this ID number, locked, whatever their area: registration must find them to avoid a
   * duplicate. Nothing of it reaches the caller unless the scoped `update` then changes it.
   */
  async lockByIdNumber(manager: EntityManager, idNumberIndex: Buffer): Promise<PersonRow | undefined> {
    const [row] = await manager.query(
      `SELECT * FROM "${this.s}".persons WHERE id_number_bidx = $1 FOR UPDATE`,
      [idNumberIndex],
    );
    return row;
  }

  /** Inserts a person; undefined when a concurrent registration of the same ID number won. */
  async insert(
    manager: EntityManager,
    values: Record<string, unknown>,
  ): Promise<
    { id: string; org_path: string; community_code: string; unemployment_status: string } | undefined
  > {
    const columns = Object.keys(values);
    const [row] = await manager.query(
      `INSERT INTO "${this.s}".persons (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id_number_bidx) DO NOTHING RETURNING id, org_path, community_code, unemployment_status`,
      Object.values(values),
    );
    return row;
  }

  /** Updates the given columns of a person in scope; undefined when there is none. */
  async update(
    manager: EntityManager,
    id: string,
    values: Record<string, unknown>,
    scope: Scope,
  ): Promise<PersonRow | undefined> {
    const columns = Object.keys(values);
    const [rows] = await manager.query(
      `UPDATE "${this.s}".persons SET ${columns.map((column, i) => `${column} = $${i + 4}`).join(', ')},
         updated_at = now()
       WHERE id = $1 AND ${inScope('org_path', 2)} RETURNING *`,
      [id, ...scopeParams(scope), ...Object.values(values)],
    );
    return rows[0];
  }

  async findInScope(manager: EntityManager, id: string, scope: Scope): Promise<PersonRow | undefined> {
    const [row] = await manager.query(
      `SELECT *, to_char(unemployment_registered_on, 'YYYY-MM-DD') AS registered_on
       FROM "${this.s}".persons WHERE id = $1 AND ${inScope('org_path', 2)}`,
      [id, ...scopeParams(scope)],
    );
    return row;
  }

  /** A page of person ids in scope matching the filters, newest first, and how many match. */
  async search(
    filters: PersonFilters,
    scope: Scope,
    limit: number,
    offset: number,
  ): Promise<{ ids: string[]; total: number }> {
    const where = [inScope('p.org_path', 1)];
    const params: unknown[] = scopeParams(scope);
    const add = (value: unknown, condition: (n: string) => string) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filters.communityCode) add(filters.communityCode, (n) => `p.community_code = ${n}`);
    if (filters.status) add(filters.status, (n) => `p.unemployment_status = ${n}`);
    if (filters.category) {
      add(
        filters.category,
        (n) =>
          `EXISTS (SELECT 1 FROM "${this.s}".person_categories pc WHERE pc.person_id = p.id AND pc.category_code = ${n})`,
      );
    }
    if (filters.idNumberIndex) add(filters.idNumberIndex, (n) => `p.id_number_bidx = ${n}`);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM "${this.s}".persons p WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM "${this.s}".persons p WHERE ${where.join(' AND ')}
       ORDER BY p.created_at DESC, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { ids: rows.map((row) => row.id), total };
  }

  /** The encrypted fields a permitted caller may unmask. */
  async secretsInScope(
    manager: EntityManager,
    id: string,
    scope: Scope,
  ): Promise<
    | { id: string; id_number_enc: string; phone_enc: string; disability_certificate_enc: string | null }
    | undefined
  > {
    const [row] = await manager.query(
      `SELECT id, id_number_enc, phone_enc, disability_certificate_enc FROM "${this.s}".persons
       WHERE id = $1 AND ${inScope('org_path', 2)}`,
      [id, ...scopeParams(scope)],
    );
    return row;
  }

  /** Writes who unmasked what and why, only for a person in scope; undefined otherwise. */
  async insertAudit(
    manager: EntityManager,
    audit: {
      personId: string;
      actorId: string;
      actorUsername: string;
      actorRoles: string[];
      fields: string[];
      reason: string;
      channel: 'http' | 'activity';
    },
    scope: Scope,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO "${this.s}".pii_access_audit (person_id, actor_id, actor_username, actor_roles, fields, reason, channel)
       SELECT p.id, $4, $5, $6, $7, $8, $9 FROM "${this.s}".persons p
       WHERE p.id = $1 AND ${inScope('p.org_path', 2)} RETURNING id`,
      [
        audit.personId,
        ...scopeParams(scope),
        audit.actorId,
        audit.actorUsername,
        audit.actorRoles,
        audit.fields,
        audit.reason,
        audit.channel,
      ],
    );
    return row?.id;
  }

  /** The last 100 unmask audit entries of a person in scope; undefined when the person is not in scope. */
  async auditOf(personId: string, scope: Scope): Promise<Array<Record<string, unknown>> | undefined> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.id, a.actor_id, a.actor_username, a.actor_roles, a.fields, a.reason, a.channel, a.accessed_at
       FROM "${this.s}".persons p
       LEFT JOIN LATERAL (
         SELECT * FROM "${this.s}".pii_access_audit WHERE person_id = p.id ORDER BY accessed_at DESC LIMIT 100
       ) a ON true
       WHERE p.id = $1 AND ${inScope('p.org_path', 2)}
       ORDER BY a.accessed_at DESC`,
      [personId, ...scopeParams(scope)],
    );
    if (!rows.length) return undefined;
    return rows.filter((row) => row.id !== null);
  }
}
