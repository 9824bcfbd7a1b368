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
import { Actor, actorCovers, orgPathOfCommunity, Scope, scopeOf, WHOLE_CITY } from '../people-actor';
import { personField } from '../pii/encrypted-columns';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { fieldError, invalid, notFound } from '../problems';
import { PersonRow, PersonsRepository } from './persons.repository';
import { ConstraintsDto, ListPersonsQuery, RegisterPersonDto } from './register-person.dto';

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
] as const;

@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly persons: PersonsRepository,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
    private readonly households: HouseholdsService,
  ) {}

  /**
   * Registers a person by real name, or finds them by ID number (blind index) and updates them, in one
   * transaction, so a rejected or failed registration writes nothing. The API replaces the whole profile; with
   * `keepUnsent` (a hotline case's intake, which carries contact, residence and what the caller said of their
   * hardship) what the request leaves out — unemployment registration, circumstances, a constraint, work
   * history, … — is kept, so categories survive.
   */
  async register(
    dto: RegisterPersonDto,
    actor: Actor,
    correlationId: string,
    options: {
      keepUnsent?: boolean;
      /** More work in the registration's transaction, with the person's id (a case's service record). */
      alsoInTransaction?: (manager: EntityManager, personId: string) => Promise<void>;
    } = {},
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
    };
    const circumstances = JSON.stringify(dto.circumstances ?? {});
    // Ciphertexts are bound to their row, so they are made once the row's id is known.
    const encrypted = (personId: string) => ({
      phone_enc: this.cipher.encrypt(phone.normalized, personField('phone_enc', personId)),
      disability_certificate_enc:
        certificateNo &&
        this.cipher.encrypt(certificateNo, personField('disability_certificate_enc', personId)),
      circumstances_enc: this.cipher.encrypt(circumstances, personField('circumstances_enc', personId)),
    });
    const scope = scopeOf(actor);

    const registerInTransaction = async (manager: EntityManager) => {
      let existing = await this.persons.lockByIdNumber(manager, idIndex);
      if (!existing) {
        const newId = randomUUID();
        const inserted = await this.persons.insert(manager, {
          id: newId,
          id_number_enc: this.cipher.encrypt(id.normalized, personField('id_number_enc', newId)),
          id_number_bidx: idIndex,
          id_number_masked: maskIdNumber(id.normalized),
          gender: id.gender,
          birth_date: id.birthDate,
          created_by: actor.userId,
          ...values,
          ...encrypted(newId),
        });
        if (inserted) {
          await enqueueEvent(manager, this.schema, Topics.peoplePerson, {
            type: PeopleEventTypes.personRegistered,
            source: 'people',
            subject: inserted.id,
            correlationId,
            data: {
              personId: inserted.id,
              orgPath: inserted.org_path,
              communityCode: inserted.community_code,
              unemploymentStatus: inserted.unemployment_status,
            },
          });
          // Its own new row: the caller's scope covers its community (checked above).
          await this.categories.evaluateInTx(manager, [inserted.id], correlationId, WHOLE_CITY);
          return { personId: inserted.id, outcome: 'created' as const };
        }
        // A concurrent registration of the same ID number won the insert: update it instead.
        existing = await this.persons.lockByIdNumber(manager, idIndex);
      }
      const before = existing!;
      const all = { ...values, ...encrypted(before.id) };
      const updates = options.keepUnsent ? withoutUnsent(all, dto) : all;
      // The scope is in the UPDATE's WHERE: a person of another unit is left as they are.
      const after = await this.persons.update(manager, before.id, updates, scope);
      if (!after) {
        throw new ForbiddenException(
          'This person is registered in a unit outside your scope; ask that unit or a supervisor / 该人员登记在您管辖范围外的单位，请联系该单位或上级',
        );
      }
      const changedFields: string[] = TRACKED.filter((column) => !same(before[column], after[column])).map(
        toFieldName,
      );
      if (this.circumstancesOf(before) !== this.circumstancesOf(after)) changedFields.push('circumstances');
      // Named as part of the constraints only: a consumer must not learn that a disability certificate changed.
      if (this.certificateOf(before) !== this.certificateOf(after)) changedFields.push('constraints');
      if (changedFields.length) {
        await enqueueEvent(manager, this.schema, Topics.peoplePerson, {
          type: PeopleEventTypes.personUpdated,
          source: 'people',
          subject: after.id,
          correlationId,
          data: {
            personId: after.id,
            orgPath: after.org_path,
            communityCode: after.community_code,
            unemploymentStatus: after.unemployment_status,
            changedFields,
          },
        });
      }
      // What follows from the change (the household's status, categories) is re-evaluated whoever may see it.
      if (before.household_id) {
        await this.households.reevaluateInTx(manager, before.household_id, correlationId);
      } else {
        await this.categories.evaluateInTx(manager, [before.id], correlationId, WHOLE_CITY);
      }
      return { personId: before.id, outcome: 'updated' as const };
    };
    const { personId, outcome } = await this.dataSource.transaction(async (manager) => {
      const registered = await registerInTransaction(manager);
      await options.alsoInTransaction?.(manager, registered.personId);
      return registered;
    });
    return { outcome, person: await this.view(personId, scope) };
  }

  private get schema(): string {
    return this.config.DB_SCHEMA;
  }

  async get(id: string, actor: Actor): Promise<PersonView> {
    return this.view(id, scopeOf(actor));
  }

  private certificateOf(row: PersonRow): string | null {
    return (
      row.disability_certificate_enc &&
      this.cipher.decrypt(row.disability_certificate_enc, personField('disability_certificate_enc', row.id))
    );
  }

  /** The circumstances' JSON text (as written, so two can be compared). */
  private circumstancesOf(row: PersonRow): string {
    return this.cipher.decrypt(row.circumstances_enc, personField('circumstances_enc', row.id));
  }

  async list(
    query: ListPersonsQuery,
    actor: Actor,
  ): Promise<{ items: PersonView[]; total: number; limit: number; offset: number }> {
    const scope = scopeOf(actor);
    const { ids, total } = await this.persons.search(
      {
        communityCode: query.communityCode,
        status: query.status,
        category: query.category,
        // Exact match only, through the blind index; an invalid number cannot match anything.
        idNumberIndex:
          query.idNumber === undefined
            ? undefined
            : this.cipher.blindIndex('id', normalizeIdNumber(query.idNumber)),
      },
      scope,
      query.limit,
      query.offset,
    );
    const items = [];
    for (const id of ids) items.push(await this.view(id, scope));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The person id for an exact ID number, through the blind index (the path the benchmark measures). */
  async findIdByIdNumber(idNumber: string, scope: Scope = WHOLE_CITY): Promise<string | null> {
    const index = this.cipher.blindIndex('id', normalizeIdNumber(idNumber));
    const { ids } = await this.persons.search({ idNumberIndex: index }, scope, 1, 0);
    return ids[0] ?? null;
  }

  async reevaluate(id: string, actor: Actor, correlationId: string): Promise<PersonView> {
    const scope = scopeOf(actor);
    const results = await this.dataSource.transaction((manager) =>
      this.categories.evaluateInTx(manager, [id], correlationId, scope),
    );
    if (!results.has(id)) throw notFound('person', id);
    return this.view(id, scope);
  }

  /** The person as responses show them, within the scope (else 404). */
  async view(id: string, scope: Scope): Promise<PersonView> {
    const manager = this.dataSource.manager;
    const row = await this.persons.findInScope(manager, id, scope);
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
      unemployment: { registeredOn: row.registered_on ?? null, status: row.unemployment_status },
      circumstances: JSON.parse(this.circumstancesOf(row)),
      household:
        row.household_id && row.household_relation
          ? { id: row.household_id, relation: row.household_relation }
          : null,
      categories: await this.categories.ofPerson(manager, id, scope),
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
  ['circumstances', ['circumstances_enc']],
];

/** Within the constraints, each one's columns: an intake that sends only the certificate keeps the rest. */
const CONSTRAINT_PARTS: Array<[keyof ConstraintsDto, string[]]> = [
  ['disabilityCertificateNo', ['disability_certificate_enc', 'disability_certificate_masked']],
  ['hours', ['available_hours']],
  ['maxDistanceKm', ['max_distance_km']],
];

/** The columns to update, without those of optional parts the request did not send. */
function withoutUnsent(values: Record<string, unknown>, dto: RegisterPersonDto): Record<string, unknown> {
  const unsentConstraints = dto.constraints
    ? CONSTRAINT_PARTS.filter(([part]) => dto.constraints![part] === undefined)
    : [];
  const unsent = new Set(
    [...OPTIONAL_PARTS.filter(([part]) => dto[part] === undefined), ...unsentConstraints].flatMap(
      ([, columns]) => columns,
    ),
  );
  return Object.fromEntries(Object.entries(values).filter(([column]) => !unsent.has(column)));
}
