import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldError, ProblemException } from '@platform/nest-kit';
import { PiiCipher } from '@platform/pii';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { Actor, actorCovers, scopeOf } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { SMS_GATEWAY, SmsGateway } from '../pii/sms-gateway';
import { personField } from '../pii/encrypted-columns';
import { fieldError, invalid, notFound } from '../problems';
import { ConfirmationDto, CreateServiceRecordDto } from './service-record.dto';

const CODE_TTL_MS = 10 * 60_000;
/** Idempotency keys such as `<caseId>:<cycle>:callback`. */
const REQUEST_ID = /^[A-Za-z0-9:_.-]{1,200}$/;
const MAX_CODE_ATTEMPTS = 5;
const MAX_SIGNATURE_BYTES = 512 * 1024;

export interface ServiceRecordView {
  id: string;
  personId: string;
  kind: string;
  staffId: string;
  channel: string;
  occurredAt: string;
  outcome: string;
  confirmation: { method: 'otp' | 'signature'; confirmedAt: string } | null;
  /** Confirmed by both sides: the staff member (who recorded it) and the person. */
  confirmedByBoth: boolean;
}

export interface ThreePlusOne {
  personId: string;
  windowFrom: string;
  windowTo: string;
  jobReferrals: number;
  trainingReferrals: number;
  unconfirmedJobReferrals: number;
  unconfirmedTrainingReferrals: number;
  complete: boolean;
}

/**
 * Service records (服务记录) and "3+1" (3 job referrals + 1 training referral per person in a rolling
 * 12 months; only records the person confirmed count).
 */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /** Sends a 6-digit code to the person's phone; only its hash is kept. */
  async sendConfirmationCode(
    personId: string,
    actor: Actor,
  ): Promise<{ codeId: string; expiresAt: string; sentTo: string }> {
    const [person] = await this.dataSource.query(
      `SELECT id, org_path, phone_enc, phone_masked FROM "${this.s}".persons WHERE id = $1`,
      [personId],
    );
    if (!person || !actorCovers(actor, person.org_path)) throw notFound('person', personId);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Date.now() + CODE_TTL_MS);
    const [row] = await this.dataSource.query(
      `INSERT INTO "${this.s}".confirmation_codes (person_id, code_hash, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [personId, codeHash(personId, code), expiresAt],
    );
    await this.sms.send(
      this.cipher.decrypt(person.phone_enc, personField('phone_enc', person.id)),
      `【962110】您的服务确认码为 ${code}，10 分钟内有效。Your 962110 service confirmation code is ${code}.`,
    );
    return { codeId: row.id, expiresAt: expiresAt.toISOString(), sentTo: person.phone_masked };
  }

  async record(
    personId: string,
    dto: CreateServiceRecordDto,
    actor: Actor,
    correlationId: string,
  ): Promise<ServiceRecordView> {
    const errors: FieldError[] = [];
    const occurredAt = new Date(dto.occurredAt);
    if (occurredAt.getTime() > Date.now() + 5 * 60_000) {
      errors.push(fieldError('occurredAt', 'notInFuture', '不能晚于当前时间', 'must not be in the future'));
    }
    const requestId = dto.requestId ?? null;
    if (requestId !== null && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))) {
      errors.push(
        fieldError(
          'requestId',
          'requestIdFormat',
          '须为 1–200 个字母、数字或 : _ . - 字符',
          'must be 1-200 characters of letters, digits and : _ . -',
        ),
      );
    }
    const confirmation = dto.confirmation;
    const shape = confirmationShape(confirmation, 'confirmation.');
    errors.push(...shape.errors);
    const signature = shape.signature;
    if (errors.length) throw invalid(errors);

    const id = await this.dataSource
      .transaction(async (manager) => {
        const [person] = await manager.query(
          `SELECT id, org_path FROM "${this.s}".persons WHERE id = $1 FOR UPDATE`,
          [personId],
        );
        if (!person || !actorCovers(actor, person.org_path)) throw notFound('person', personId);
        // A repeated request gets the record it already wrote (checked before a one-time code is consumed).
        const earlier = requestId ? await this.byRequestId(manager, requestId, personId) : undefined;
        if (earlier) return earlier;
        if (confirmation?.method === 'otp') {
          await this.consumeCode(manager, personId, confirmation, 'confirmation.code');
        }
        const [row] = await manager.query(
          `INSERT INTO "${this.s}".service_records
           (person_id, kind, staff_id, channel, occurred_at, outcome, confirmation_method, signature_image, confirmed_at,
            request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (request_id) WHERE request_id IS NOT NULL DO NOTHING RETURNING id`,
          [
            personId,
            dto.kind,
            actor.userId,
            dto.channel,
            occurredAt,
            dto.outcome,
            confirmation?.method ?? null,
            signature,
            confirmation ? new Date() : null,
            requestId,
          ],
        );
        // Lost a race with the same request: the other call's record (committed by now) is the answer.
        if (!row) return (await this.byRequestId(manager, requestId!, personId))!;
        if (dto.kind === 'job-referral' || dto.kind === 'training-referral') {
          // "services in the past year" is a category fact.
          await this.categories.evaluateInTx(manager, [personId], correlationId);
        }
        return row.id as string;
      })
      .catch((error: unknown) => this.afterRollback(error));
    return this.load(id);
  }

  /** Adds the person's confirmation to a record made without it (e.g. the SMS code arrived after the call). */
  async confirm(
    personId: string,
    recordId: string,
    confirmation: ConfirmationDto,
    actor: Actor,
  ): Promise<ServiceRecordView> {
    const shape = confirmationShape(confirmation, '');
    if (shape.errors.length) throw invalid(shape.errors);
    await this.dataSource
      .transaction(async (manager) => {
        const [person] = await manager.query(
          `SELECT id, org_path FROM "${this.s}".persons WHERE id = $1 FOR UPDATE`,
          [personId],
        );
        if (!person || !actorCovers(actor, person.org_path)) throw notFound('person', personId);
        const [record] = await manager.query(
          `SELECT id, confirmed_at FROM "${this.s}".service_records WHERE id = $1 AND person_id = $2 FOR UPDATE`,
          [recordId, personId],
        );
        if (!record) throw notFound('service record', recordId);
        if (record.confirmed_at) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'This service record is already confirmed / 该服务记录已确认',
          );
        }
        if (confirmation.method === 'otp') await this.consumeCode(manager, personId, confirmation, 'code');
        await manager.query(
          `UPDATE "${this.s}".service_records SET confirmation_method = $2, signature_image = $3, confirmed_at = now()
           WHERE id = $1`,
          [recordId, confirmation.method, shape.signature],
        );
      })
      .catch((error: unknown) => this.afterRollback(error));
    return this.load(recordId);
  }

  /** The record written earlier under this request id; a key reused for another person is a conflict. */
  private async byRequestId(
    manager: EntityManager,
    requestId: string,
    personId: string,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `SELECT id, person_id FROM "${this.s}".service_records WHERE request_id = $1`,
      [requestId],
    );
    if (row && row.person_id !== personId) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'This requestId was used for another person / 该 requestId 已用于其他人员的服务记录',
      );
    }
    return row?.id as string | undefined;
  }

  /** Marks the person's one-time code used, inside the caller's transaction; a mismatch throws WrongCode. */
  private async consumeCode(
    manager: EntityManager,
    personId: string,
    confirmation: ConfirmationDto,
    field: string,
  ): Promise<void> {
    const [code] = await manager.query(
      `SELECT id, code_hash, expires_at, used_at, attempts FROM "${this.s}".confirmation_codes
       WHERE id = $1 AND person_id = $2 FOR UPDATE`,
      [confirmation.codeId, personId],
    );
    const usable = code && !code.used_at && code.expires_at > new Date() && code.attempts < MAX_CODE_ATTEMPTS;
    const matches = usable && timingSafeEqual(code.code_hash, codeHash(personId, confirmation.code!));
    if (!matches) {
      throw new WrongCode(
        code?.id ?? null,
        invalid([
          fieldError(field, 'otpValid', '确认码错误、已使用或已过期', 'is wrong, already used or expired'),
        ]),
      );
    }
    await manager.query(`UPDATE "${this.s}".confirmation_codes SET used_at = now() WHERE id = $1`, [code.id]);
  }

  /** A wrong code is counted after the rollback (outside it), so guessing stays limited. */
  private async afterRollback(error: unknown): Promise<never> {
    if (error instanceof WrongCode) {
      if (error.codeId) {
        await this.dataSource.query(
          `UPDATE "${this.s}".confirmation_codes SET attempts = attempts + 1 WHERE id = $1`,
          [error.codeId],
        );
      }
      throw error.problem;
    }
    throw error;
  }

  async list(personId: string, actor: Actor, limit: number, offset: number) {
    const [person] = await this.dataSource.query(`SELECT org_path FROM "${this.s}".persons WHERE id = $1`, [
      personId,
    ]);
    if (!person || !actorCovers(actor, person.org_path)) throw notFound('person', personId);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM "${this.s}".service_records WHERE person_id = $1`,
      [personId],
    );
    const rows = await this.dataSource.query(
      `SELECT * FROM "${this.s}".service_records WHERE person_id = $1 ORDER BY occurred_at DESC, id LIMIT $2 OFFSET $3`,
      [personId, limit, offset],
    );
    return { items: rows.map(toView), total, limit, offset };
  }

  async threePlusOne(personId: string, actor: Actor): Promise<ThreePlusOne> {
    const [person] = await this.dataSource.query(`SELECT org_path FROM "${this.s}".persons WHERE id = $1`, [
      personId,
    ]);
    if (!person || !actorCovers(actor, person.org_path)) throw notFound('person', personId);
    const [row] = await this.dataSource.query(
      `SELECT now() - interval '12 months' AS window_from, now() AS window_to,
         count(*) FILTER (WHERE kind = 'job-referral' AND confirmed_at IS NOT NULL)::int AS jobs,
         count(*) FILTER (WHERE kind = 'training-referral' AND confirmed_at IS NOT NULL)::int AS trainings,
         count(*) FILTER (WHERE kind = 'job-referral' AND confirmed_at IS NULL)::int AS jobs_unconfirmed,
         count(*) FILTER (WHERE kind = 'training-referral' AND confirmed_at IS NULL)::int AS trainings_unconfirmed
       FROM "${this.s}".service_records WHERE person_id = $1 AND occurred_at > now() - interval '12 months'`,
      [personId],
    );
    return {
      personId,
      windowFrom: row.window_from.toISOString(),
      windowTo: row.window_to.toISOString(),
      jobReferrals: row.jobs,
      trainingReferrals: row.trainings,
      unconfirmedJobReferrals: row.jobs_unconfirmed,
      unconfirmedTrainingReferrals: row.trainings_unconfirmed,
      complete: row.jobs >= 3 && row.trainings >= 1,
    };
  }

  /** Registered unemployed persons in the caller's scope whose confirmed "3+1" is not complete yet. */
  async pendingThreePlusOne(actor: Actor, limit: number, offset: number, communityCode?: string) {
    const scope = scopeOf(actor);
    const params: unknown[] = [scope.path, scope.descendants];
    let community = '';
    if (communityCode) {
      params.push(communityCode);
      community = `AND p.community_code = $${params.length}`;
    }
    const base = `
      FROM "${this.s}".persons p
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE r.kind = 'job-referral')::int AS jobs,
               count(*) FILTER (WHERE r.kind = 'training-referral')::int AS trainings
        FROM "${this.s}".service_records r
        WHERE r.person_id = p.id AND r.confirmed_at IS NOT NULL AND r.occurred_at > now() - interval '12 months'
      ) c ON true
      WHERE (p.org_path = $1 OR p.org_path LIKE $2) AND p.unemployment_status = 'registered' ${community}
        AND (c.jobs < 3 OR c.trainings < 1)`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${base}`, params);
    const rows = await this.dataSource.query(
      `SELECT p.id, p.name, p.phone_masked, p.community_code, c.jobs, c.trainings ${base}
       ORDER BY p.created_at, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        personId: r.id,
        name: r.name,
        phoneMasked: r.phone_masked,
        communityCode: r.community_code,
        jobReferrals: r.jobs,
        trainingReferrals: r.trainings,
      })),
      total,
      limit,
      offset,
    };
  }

  private async load(id: string): Promise<ServiceRecordView> {
    const [row] = await this.dataSource.query(`SELECT * FROM "${this.s}".service_records WHERE id = $1`, [
      id,
    ]);
    if (!row) throw new ProblemException(HttpStatus.NOT_FOUND, `No service record ${id} / 服务记录不存在`);
    return toView(row);
  }
}

function codeHash(personId: string, code: string): Buffer {
  return createHash('sha256').update(`${personId}:${code}`).digest();
}

function isImage(bytes: Buffer): boolean {
  const png =
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

function toView(row: Record<string, unknown>): ServiceRecordView {
  const confirmedAt = row.confirmed_at as Date | null;
  return {
    id: row.id as string,
    personId: row.person_id as string,
    kind: row.kind as string,
    staffId: row.staff_id as string,
    channel: row.channel as string,
    occurredAt: (row.occurred_at as Date).toISOString(),
    outcome: row.outcome as string,
    confirmation: confirmedAt
      ? { method: row.confirmation_method as 'otp' | 'signature', confirmedAt: confirmedAt.toISOString() }
      : null,
    confirmedByBoth: confirmedAt !== null,
  };
}

class WrongCode extends Error {
  constructor(
    readonly codeId: string | null,
    readonly problem: ProblemException,
  ) {
    super('wrong confirmation code');
  }
}

/** Checks an OTP or signature confirmation's shape; returns the decoded signature image. */
function confirmationShape(
  confirmation: ConfirmationDto | undefined,
  prefix: string,
): { errors: FieldError[]; signature: Buffer | null } {
  const errors: FieldError[] = [];
  let signature: Buffer | null = null;
  if (confirmation?.method === 'otp' && (!confirmation.codeId || !confirmation.code)) {
    errors.push(
      fieldError(
        `${prefix}code`,
        'requiredForOtp',
        '短信确认需要 codeId 和 code',
        'otp needs codeId and code',
      ),
    );
  }
  if (confirmation?.method === 'signature') {
    signature = confirmation.signatureImage ? Buffer.from(confirmation.signatureImage, 'base64') : null;
    if (!signature || !isImage(signature) || signature.length > MAX_SIGNATURE_BYTES) {
      errors.push(
        fieldError(
          `${prefix}signatureImage`,
          'image',
          '必须是不超过 512 KiB 的 PNG 或 JPEG 图片（base64）',
          'must be a PNG or JPEG image (base64) of at most 512 KiB',
        ),
      );
    }
  }
  return { errors, signature };
}
