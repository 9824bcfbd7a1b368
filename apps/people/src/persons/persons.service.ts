import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { FieldError } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import {
  maskCertificateNo,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  PiiCipher,
  shanghaiToday,
  validateIdNumber,
  validateMobile,
} from '@platform/pii';
import { CategoriesService, PersonCategory } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { HouseholdsService } from '../households/households.service';
import { Actor, actorCovers, orgPathOfCommunity, scopeOf } from '../people-actor';
import { personField } from '../pii/encrypted-columns';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { fieldError, invalid, notFound } from '../problems';
import { ListPersonsQuery, RegisterPersonDto } from './register-person.dto';

/** What every response shows of a person: ID number and phone masked, birth date never. */
export interface PersonView {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  gender: 'male' | 'female';
  hukouType: 'urban' | 'rural';
  hukouPlace: string;
  communityCode: string;
  orgPath: string;
  residenceAddress: string | null;
  education: string | null;
  skills: { codes: string[]; text: string | null };
  workHistory: unknown[];
  constraints: {
    disabilityCertificate: boolean;
    /** First 3 characters only; the full number through the audited unmask. */
    disabilityCertificateMasked: string | null;
    hours: string | null;
    maxDistanceKm: number | null;
  };
  unemployment: { registeredOn: string | null; status: string };
  circumstances: Record<string, unknown>;
  household: { id: string; relation: string } | null;
  categories: PersonCategory[];
  categoriesEvaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationResult {
  outcome: 'created' | 'updated';
  person: PersonView;
}

/** Columns compared to name the changed fields in `updated` events (names only, never values). */
const TRACKED = [
  'name',
  'phone_bidx',
  'hukou_type',
  'hukou_place',
  'residence_address',
  'community_code',
  'education',
  'skills',
  'work_history',
  'available_hours',
  'max_distance_km',
  'unemployment_registered_on',
  'unemployment_status',
  'circumstances',
] as const;

@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
    private readonly households: HouseholdsService,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /**
   * Registers a person by real name, or finds them by ID number (blind index) and updates them; one
   * transaction, so a rejected or failed registration writes nothing.
   */
  /**
   * Registers a person or updates the one with this ID number. The API replaces the whole profile; with
   * `keepUnsent` (a hotline case's intake, which carries only contact and residence) what the request leaves
   * out — unemployment registration, circumstances, work history, … — is kept, so categories survive.
   */
  async register(
    dto: RegisterPersonDto,
    actor: Actor,
    correlationId: string,
    options: { keepUnsent?: boolean } = {},
  ): Promise<RegistrationResult> {
    const errors: FieldError[] = [];
    const id = validateIdNumber(dto.idNumber);
    if (!id.valid)
      errors.push({ field: 'idNumber', rule: id.rule, message: prefixed('idNumber', id.message) });
    const phone = validateMobile(dto.phone);
    if (!phone.valid)
      errors.push({ field: 'phone', rule: phone.rule, message: prefixed('phone', phone.message) });
    if (id.valid && dto.gender && dto.gender !== id.gender) {
      errors.push(
        fieldError('gender', 'matchesIdNumber', '与身份证号中的性别不一致', 'contradicts the ID number'),
      );
    }
    if (id.valid && dto.birthDate && dto.birthDate.slice(0, 10) !== id.birthDate) {
      errors.push(
        fieldError(
          'birthDate',
          'matchesIdNumber',
          '与身份证号中的出生日期不一致',
          'contradicts the ID number',
        ),
      );
    }
    const orgPath = orgPathOfCommunity(dto.communityCode);
    if (!actorCovers(actor, orgPath)) {
      errors.push(
        fieldError(
          'communityCode',
          'withinScope',
          '不在您的管辖范围内',
          'is outside your part of the org tree',
        ),
      );
    }
    if (dto.unemployment && dto.unemployment.registeredOn.slice(0, 10) > shanghaiToday()) {
      errors.push(
        fieldError('unemployment.registeredOn', 'notInFuture', '不能晚于今天', 'must not be in the future'),
      );
    }
    if (errors.length || !id.valid || !phone.valid) throw invalid(errors);

    const idIndex = this.cipher.blindIndex('id', id.normalized);
    const certificateNo = dto.constraints?.disabilityCertificateNo?.toUpperCase() ?? null;
    const values = {
      name: dto.name,
      phone_bidx: this.cipher.blindIndex('phone', phone.normalized),
      phone_masked: maskPhone(phone.normalized),
      hukou_type: dto.hukouType,
      hukou_place: dto.hukouPlace,
      residence_address: dto.residenceAddress ?? null,
      community_code: dto.communityCode,
      org_path: orgPath,
      education: dto.education ?? null,
      skills: JSON.stringify({ codes: dto.skills?.codes ?? [], text: dto.skills?.text ?? null }),
      work_history: JSON.stringify(dto.workHistory ?? []),
      disability_certificate_masked: certificateNo && maskCertificateNo(certificateNo),
      available_hours: dto.constraints?.hours ?? null,
      max_distance_km: dto.constraints?.maxDistanceKm ?? null,
      unemployment_registered_on: dto.unemployment?.registeredOn.slice(0, 10) ?? null,
      unemployment_status: dto.unemployment?.status ?? 'registered',
      circumstances: JSON.stringify(dto.circumstances ?? {}),
    };
    // Ciphertexts are bound to their row, so they are made once the row's id is known.
    const encrypted = (personId: string) => ({
      phone_enc: this.cipher.encrypt(phone.normalized, personField('phone_enc', personId)),
      disability_certificate_enc:
        certificateNo &&
        this.cipher.encrypt(certificateNo, personField('disability_certificate_enc', personId)),
    });

    const { personId, outcome } = await this.dataSource.transaction(async (manager) => {
      const s = this.s;
      let [existing] = await manager.query(
        `SELECT * FROM "${s}".persons WHERE id_number_bidx = $1 FOR UPDATE`,
        [idIndex],
      );
      if (!existing) {
        const newId = randomUUID();
        const row = { ...values, ...encrypted(newId) };
        const columns = Object.keys(row);
        const inserted = await manager.query(
          `INSERT INTO "${s}".persons (id, id_number_enc, id_number_bidx, id_number_masked, gender, birth_date,
             created_by, ${columns.join(', ')})
           VALUES ($1, $2, $3, $4, $5, $6, $7, ${columns.map((_, i) => `$${i + 8}`).join(', ')})
           ON CONFLICT (id_number_bidx) DO NOTHING RETURNING id, org_path, community_code, unemployment_status`,
          [
            newId,
            this.cipher.encrypt(id.normalized, personField('id_number_enc', newId)),
            idIndex,
            maskIdNumber(id.normalized),
            id.gender,
            id.birthDate,
            actor.userId,
            ...Object.values(row),
          ],
        );
        if (inserted.length) {
          const row = inserted[0];
          await enqueueEvent(manager, s, Topics.peoplePerson, {
            type: PeopleEventTypes.personRegistered,
            source: 'people',
            subject: row.id,
            correlationId,
            data: {
              personId: row.id,
              orgPath: row.org_path,
              communityCode: row.community_code,
              unemploymentStatus: row.unemployment_status,
            },
          });
          await this.categories.evaluateInTx(manager, [row.id], correlationId);
          return { personId: row.id as string, outcome: 'created' as const };
        }
        // A concurrent registration of the same ID number won the insert: update it instead.
        [existing] = await manager.query(
          `SELECT * FROM "${s}".persons WHERE id_number_bidx = $1 FOR UPDATE`,
          [idIndex],
        );
      }
      if (!actorCovers(actor, existing.org_path)) {
        throw new ForbiddenException(
          'This person is registered in a unit outside your scope; ask that unit or a supervisor / 该人员登记在您管辖范围外的单位，请联系该单位或上级',
        );
      }
      const all = { ...values, ...encrypted(existing.id) };
      const updates = options.keepUnsent ? withoutUnsent(all, dto) : all;
      const [after] = await manager
        .query(
          `UPDATE "${s}".persons SET ${Object.keys(updates)
            .map((column, i) => `${column} = $${i + 2}`)
            .join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
          [existing.id, ...Object.values(updates)],
        )
        .then((result: [unknown[], number]) => result[0]);
      const changedFields = TRACKED.filter(
        (column) => !same(existing[column], (after as Record<string, unknown>)[column]),
      ).map(toFieldName);
      // Named as part of the constraints only: a consumer must not learn that a disability certificate changed.
      if ('disability_certificate_enc' in updates && this.certificateOf(existing) !== certificateNo) {
        changedFields.push('constraints');
      }
      if (changedFields.length) {
        const row = after as Record<string, string>;
        await enqueueEvent(manager, s, Topics.peoplePerson, {
          type: PeopleEventTypes.personUpdated,
          source: 'people',
          subject: row.id,
          correlationId,
          data: {
            personId: row.id,
            orgPath: row.org_path,
            communityCode: row.community_code,
            unemploymentStatus: row.unemployment_status,
            changedFields,
          },
        });
      }
      if (existing.household_id) {
        await this.households.reevaluateInTx(manager, existing.household_id, correlationId);
      } else {
        await this.categories.evaluateInTx(manager, [existing.id], correlationId);
      }
      return { personId: existing.id as string, outcome: 'updated' as const };
    });
    return { outcome, person: await this.view(this.dataSource.manager, personId) };
  }

  async get(id: string, actor: Actor): Promise<PersonView> {
    return this.view(this.dataSource.manager, id, actor);
  }

  private certificateOf(row: { id: string; disability_certificate_enc: string | null }): string | null {
    return (
      row.disability_certificate_enc &&
      this.cipher.decrypt(row.disability_certificate_enc, personField('disability_certificate_enc', row.id))
    );
  }

  async list(
    query: ListPersonsQuery,
    actor: Actor,
  ): Promise<{ items: PersonView[]; total: number; limit: number; offset: number }> {
    const scope = scopeOf(actor);
    const where = [`(p.org_path = $1 OR p.org_path LIKE $2)`];
    const params: unknown[] = [scope.path, scope.descendants];
    if (query.communityCode) {
      params.push(query.communityCode);
      where.push(`p.community_code = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`p.unemployment_status = $${params.length}`);
    }
    if (query.category) {
      params.push(query.category);
      where.push(
        `EXISTS (SELECT 1 FROM "${this.s}".person_categories pc WHERE pc.person_id = p.id AND pc.category_code = $${params.length})`,
      );
    }
    if (query.idNumber !== undefined) {
      // Exact match only, through the blind index; an invalid number cannot match anything.
      params.push(this.cipher.blindIndex('id', normalizeIdNumber(query.idNumber)));
      where.push(`p.id_number_bidx = $${params.length}`);
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM "${this.s}".persons p WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT p.id FROM "${this.s}".persons p WHERE ${where.join(' AND ')}
       ORDER BY p.created_at DESC, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    const items = [];
    for (const row of rows) items.push(await this.view(this.dataSource.manager, row.id));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The person id for an exact ID number, through the blind index (the path the benchmark measures). */
  async findIdByIdNumber(idNumber: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT id FROM "${this.s}".persons WHERE id_number_bidx = $1`,
      [this.cipher.blindIndex('id', normalizeIdNumber(idNumber))],
    );
    return row?.id ?? null;
  }

  async reevaluate(id: string, actor: Actor, correlationId: string): Promise<PersonView> {
    await this.get(id, actor);
    await this.dataSource.transaction((manager) =>
      this.categories.evaluateInTx(manager, [id], correlationId),
    );
    return this.view(this.dataSource.manager, id);
  }

  /** The person as responses show them; with an actor, only within the actor's scope (else 404). */
  async view(manager: EntityManager, id: string, actor?: Actor): Promise<PersonView> {
    const scope = actor ? scopeOf(actor) : { path: '', descendants: '%' };
    const [row] = await manager.query(
      `SELECT *, to_char(unemployment_registered_on, 'YYYY-MM-DD') AS registered_on
       FROM "${this.s}".persons WHERE id = $1 AND (org_path = $2 OR org_path LIKE $3)`,
      [id, scope.path, scope.descendants],
    );
    if (!row) throw notFound('person', id);
    return {
      id: row.id,
      name: row.name,
      idNumberMasked: row.id_number_masked,
      phoneMasked: row.phone_masked,
      gender: row.gender,
      hukouType: row.hukou_type,
      hukouPlace: row.hukou_place,
      communityCode: row.community_code,
      orgPath: row.org_path,
      residenceAddress: row.residence_address,
      education: row.education,
      skills: row.skills,
      workHistory: row.work_history,
      constraints: {
        disabilityCertificate: row.disability_certificate_masked !== null,
        disabilityCertificateMasked: row.disability_certificate_masked,
        hours: row.available_hours,
        maxDistanceKm: row.max_distance_km,
      },
      unemployment: { registeredOn: row.registered_on, status: row.unemployment_status },
      circumstances: row.circumstances,
      household: row.household_id ? { id: row.household_id, relation: row.household_relation } : null,
      categories: await this.categories.ofPerson(manager, id),
      categoriesEvaluatedAt: row.categories_evaluated_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function prefixed(field: string, message: { zh: string; en: string }) {
  return { zh: `${field}：${message.zh}`, en: `${field}: ${message.en}` };
}

function same(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

function toFieldName(column: string): string {
  if (column === 'phone_bidx') return 'phone';
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The optional parts of a registration and the columns each one fills. */
const OPTIONAL_PARTS: Array<[keyof RegisterPersonDto, string[]]> = [
  ['residenceAddress', ['residence_address']],
  ['education', ['education']],
  ['skills', ['skills']],
  ['workHistory', ['work_history']],
  [
    'constraints',
    ['disability_certificate_enc', 'disability_certificate_masked', 'available_hours', 'max_distance_km'],
  ],
  ['unemployment', ['unemployment_registered_on', 'unemployment_status']],
  ['circumstances', ['circumstances']],
];

/** The columns to update, without those of optional parts the request did not send. */
function withoutUnsent(values: Record<string, unknown>, dto: RegisterPersonDto): Record<string, unknown> {
  const unsent = new Set(
    OPTIONAL_PARTS.filter(([part]) => dto[part] === undefined).flatMap(([, columns]) => columns),
  );
  return Object.fromEntries(Object.entries(values).filter(([column]) => !unsent.has(column)));
}
