import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, FieldError, ProblemException } from '@platform/nest-kit';
import { PiiCipher } from '@platform/pii';
import { CategoriesService } from '../categories/categories.service';
import { Actor, Scope, scopeOf } from '../people-actor';
import { SMS_GATEWAY, SmsDeliveryError, SmsGateway } from '../sms/sms-gateway';
import { personField, serviceRecordWitness } from '../pii/encrypted-columns';
import { fieldError, invalid, notFound } from '../problems';
import { ConfirmationDto, CreateServiceRecordDto } from './service-record.dto';
import {
  ConfirmationAuditEntry,
  ConfirmationMethod,
  ServiceRecordRow,
  ServiceRecordsRepository,
} from './service-records.repository';

const CODE_TTL_MS = 10 * 60_000;
/** Idempotency keys such as `<caseId>:<cycle>:callback`. */
const REQUEST_ID = /^[A-Za-z0-9:_.-]{1,200}$/;
const MAX_CODE_ATTEMPTS = 5;
/** Codes one person may be sent per hour: enough for a few calls, too few to flood their phone. */
const MAX_CODES_PER_HOUR = 5;
const MAX_SIGNATURE_BYTES = 512 * 1024;

export interface ServiceRecordView {
  id: string;
  personId: string;
  kind: string;
  staffId: string;
  channel: string;
  occurredAt: string;
  outcome: string;
  confirmation: {
    method: ConfirmationMethod;
    confirmedAt: string;
    /** Staff id of whoever took the confirmation (null on records confirmed before it was kept). */
    confirmedBy: string | null;
    /** For `station`: who witnessed the signature, masked (王*). */
    witnessMasked: string | null;
  } | null;
  /** Confirmed by both sides: the staff member (who recorded it) and the person. */
  confirmedByBoth: boolean;
}

/**
 * Service records (服务记录): what staff did for a person, confirmed by the person (code, signature or station
 * signature). The confirmed job and training referrals are what "3+1" counts (three-plus-one/).
 */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    private readonly records: ServiceRecordsRepository,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends a 6-digit code to the person's phone; only its hash is kept. The code row, its audit and the text go
   * together: a text the gateway could not send leaves no code behind (503, try again or sign at the station).
   */
  async sendConfirmationCode(
    personId: string,
    actor: Actor,
  ): Promise<{ codeId: string; expiresAt: string; sentTo: string }> {
    const scope = scopeOf(actor);
    const person = await this.records.contactOf(personId, scope);
    if (!person) throw notFound('person', personId);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    const codeId = await this.dataSource.transaction(async (manager) => {
      if (!(await this.records.lockForCodes(manager, personId, scope))) throw notFound('person', personId);
      // Codes sent in the last hour are those that expire after an hour ago plus their lifetime.
      const since = new Date(now.getTime() - 3_600_000 + CODE_TTL_MS);
      if ((await this.records.codesSentSince(manager, personId, since, scope)) >= MAX_CODES_PER_HOUR) {
        throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          `At most ${MAX_CODES_PER_HOUR} codes an hour are sent to one person; use one already sent or sign at the station / 每人每小时最多发送 ${MAX_CODES_PER_HOUR} 条确认码，请使用已收到的确认码或到站点签字确认`,
        );
      }
      const id = await this.records.insertCode(
        manager,
        personId,
        this.codeHash(personId, code),
        expiresAt,
        scope,
      );
      if (!id) throw notFound('person', personId);
      await this.records.audit(manager, {
        ...this.auditOf(actor, personId, now),
        action: 'code-sent',
        codeId: id,
      });
      try {
        await this.sms.send(
          this.cipher.decrypt(person.phone_enc, personField('phone_enc', person.id)),
          `【962110】您的服务确认码为 ${code}，10 分钟内有效。Your 962110 service confirmation code is ${code}.`,
        );
      } catch (error) {
        if (error instanceof SmsDeliveryError) {
          throw new ProblemException(
            HttpStatus.SERVICE_UNAVAILABLE,
            'The SMS could not be sent; try again later or have the person sign at the station / 短信发送失败，请稍后重试或请本人到站点签字确认',
          );
        }
        throw error;
      }
      return id;
    });
    return { codeId, expiresAt: expiresAt.toISOString(), sentTo: person.phone_masked };
  }

  private auditOf(actor: Actor, personId: string, at: Date): Omit<ConfirmationAuditEntry, 'action'> {
    return {
      personId,
      actor: { userId: actor.userId, username: actor.username, roles: actor.roles },
      at,
    };
  }

  async record(
    personId: string,
    dto: CreateServiceRecordDto,
    actor: Actor,
    correlationId: string,
  ): Promise<ServiceRecordView> {
    const now = this.clock.now();
    const errors: FieldError[] = notInFuture(dto.occurredAt, now);
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
    if (errors.length) throw invalid(errors);

    const scope = scopeOf(actor);
    const id = await this.dataSource
      .transaction((manager) =>
        this.writeInTx(manager, personId, dto, actor, correlationId, scope, now, requestId, shape),
      )
      .catch((error: unknown) => this.afterRollback(error, personId, scope));
    return this.load(id, scope);
  }

  /**
   * Writes a record the person has not confirmed yet inside the caller's transaction (a training referral is
   * written with its enrolment), by the same path as `record`. Answers the record's id; 404 when the person
   * is not in the caller's scope.
   */
  async recordUnconfirmedInTx(
    manager: EntityManager,
    personId: string,
    dto: Omit<CreateServiceRecordDto, 'confirmation'>,
    actor: Actor,
    correlationId: string,
  ): Promise<string> {
    const requestId = dto.requestId ?? null;
    if (requestId !== null && !REQUEST_ID.test(requestId)) throw new Error('requestId must match REQUEST_ID');
    const now = this.clock.now();
    const errors = notInFuture(dto.occurredAt, now);
    if (errors.length) throw invalid(errors);
    return this.writeInTx(manager, personId, dto, actor, correlationId, scopeOf(actor), now, requestId, {
      errors: [],
      signature: null,
      witness: null,
    });
  }

  private async writeInTx(
    manager: EntityManager,
    personId: string,
    dto: CreateServiceRecordDto,
    actor: Actor,
    correlationId: string,
    scope: Scope,
    now: Date,
    requestId: string | null,
    shape: ReturnType<typeof confirmationShape>,
  ): Promise<string> {
    const occurredAt = new Date(dto.occurredAt);
    const confirmation = dto.confirmation;
    const signature = shape.signature;
    const recordId = randomUUID();
    if (!(await this.records.lockPerson(manager, personId, scope))) throw notFound('person', personId);
    // A repeated request gets the record it already wrote (checked before a one-time code is consumed).
    const earlier = requestId ? await this.byRequestId(manager, requestId, personId) : undefined;
    if (earlier) return earlier;
    if (confirmation?.method === 'otp') {
      await this.consumeCode(manager, personId, confirmation, 'confirmation.code', scope, now, actor);
    }
    const inserted = await this.records.insert(
      manager,
      {
        id: recordId,
        personId,
        kind: dto.kind,
        staffId: actor.userId,
        channel: dto.channel,
        occurredAt,
        outcome: dto.outcome,
        confirmationMethod: confirmation?.method ?? null,
        signature,
        witnessEnc: this.witnessEnc(shape.witness, recordId),
        confirmedAt: confirmation ? now : null,
        confirmedBy: confirmation ? actor.userId : null,
        requestId,
      },
      scope,
    );
    // Lost a race with the same request: the other call's record (committed by now) is the answer.
    if (!inserted) return (await this.byRequestId(manager, requestId!, personId))!;
    if (confirmation) {
      await this.records.audit(manager, {
        ...this.auditOf(actor, personId, now),
        action: 'confirmed',
        recordId: inserted,
        method: confirmation.method,
        codeId: confirmation.codeId ?? null,
      });
    }
    if (dto.kind === 'job-referral' || dto.kind === 'training-referral') {
      // "services in the past year" is a category fact.
      await this.categories.evaluateInTx(manager, [personId], correlationId, scope);
    }
    return inserted;
  }

  /**
   * Adds the person's confirmation to a record made without it (e.g. written by the case workflow during a
   * call): the SMS code they read back, a signature image, or a paper signature at the station with its witness.
   */
  async confirm(
    personId: string,
    recordId: string,
    confirmation: ConfirmationDto,
    actor: Actor,
  ): Promise<ServiceRecordView> {
    const shape = confirmationShape(confirmation, '');
    if (shape.errors.length) throw invalid(shape.errors);
    const scope = scopeOf(actor);
    const now = this.clock.now();
    await this.dataSource
      .transaction(async (manager) => {
        if (!(await this.records.lockPerson(manager, personId, scope))) throw notFound('person', personId);
        const record = await this.records.lockRecord(manager, personId, recordId, scope);
        if (!record) throw notFound('service record', recordId);
        if (record.confirmed_at) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'This service record is already confirmed / 该服务记录已确认',
          );
        }
        if (confirmation.method === 'otp') {
          await this.consumeCode(manager, personId, confirmation, 'code', scope, now, actor);
        }
        await this.records.confirm(
          manager,
          personId,
          recordId,
          {
            method: confirmation.method,
            signature: shape.signature,
            witnessEnc: this.witnessEnc(shape.witness, recordId),
            confirmedBy: actor.userId,
            at: now,
          },
          scope,
        );
        await this.records.audit(manager, {
          ...this.auditOf(actor, personId, now),
          action: 'confirmed',
          recordId,
          method: confirmation.method,
          codeId: confirmation.codeId ?? null,
        });
      })
      .catch((error: unknown) => this.afterRollback(error, personId, scope));
    return this.load(recordId, scope);
  }

  /**
   * The record written earlier under this request id (an idempotency key, unique across all persons); a key
   * reused for another person is a conflict, so only a record of the caller's person comes back.
   */
  private async byRequestId(
    manager: EntityManager,
    requestId: string,
    personId: string,
  ): Promise<string | undefined> {
    const row = await this.records.byRequestId(manager, requestId);
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
    scope: Scope,
    now: Date,
    actor: Actor,
  ): Promise<void> {
    const code = await this.records.lockCode(manager, personId, confirmation.codeId!, scope);
    const usable = code && !code.used_at && code.expires_at > now && code.attempts < MAX_CODE_ATTEMPTS;
    const matches = usable && timingSafeEqual(code.code_hash, this.codeHash(personId, confirmation.code!));
    if (!matches) {
      throw new WrongCode(
        code?.id ?? null,
        { ...this.auditOf(actor, personId, now), action: 'code-refused', codeId: code?.id ?? null },
        invalid([
          fieldError(field, 'otpValid', '确认码错误、已使用或已过期', 'is wrong, already used or expired'),
        ]),
      );
    }
    await this.records.markCodeUsed(manager, personId, code.id, now, scope);
  }

  /** A wrong code is counted after the rollback (outside it), so guessing stays limited. */
  private async afterRollback(error: unknown, personId: string, scope: Scope): Promise<never> {
    if (error instanceof WrongCode) {
      if (error.codeId) await this.records.countWrongAttempt(personId, error.codeId, scope, error.audit);
      throw error.problem;
    }
    throw error;
  }

  async list(personId: string, actor: Actor, limit: number, offset: number) {
    const page = await this.records.list(personId, scopeOf(actor), limit, offset);
    if (!page) throw notFound('person', personId);
    return { items: page.rows.map((row) => this.toView(row)), total: page.total, limit, offset };
  }

  private async load(id: string, scope: Scope): Promise<ServiceRecordView> {
    const row = await this.records.findInScope(id, scope);
    if (!row) throw notFound('service record', id);
    return this.toView(row);
  }

  /** Keyed (HMAC with the blind-index key), bound to the person: a copied table gives no code away. */
  private codeHash(personId: string, code: string): Buffer {
    return this.cipher.blindIndex('otp', `${personId}:${code}`);
  }

  private witnessEnc(witness: string | null, recordId: string): string | null {
    return witness === null ? null : this.cipher.encrypt(witness, serviceRecordWitness(recordId));
  }

  private toView(row: ServiceRecordRow): ServiceRecordView {
    const confirmedAt = row.confirmed_at;
    const witness =
      row.witness_enc === null ? null : this.cipher.decrypt(row.witness_enc, serviceRecordWitness(row.id));
    return {
      id: row.id,
      personId: row.person_id,
      kind: row.kind,
      staffId: row.staff_id,
      channel: row.channel,
      occurredAt: row.occurred_at.toISOString(),
      outcome: row.outcome,
      confirmation:
        confirmedAt && row.confirmation_method
          ? {
              method: row.confirmation_method,
              confirmedAt: confirmedAt.toISOString(),
              confirmedBy: row.confirmed_by,
              witnessMasked: witness === null ? null : maskName(witness),
            }
          : null,
      confirmedByBoth: confirmedAt !== null,
    };
  }
}

/** 王* / 欧阳** : a name as a screen may show it, first character only. */
function maskName(name: string): string {
  const characters = [...name];
  return characters[0] + '*'.repeat(Math.max(1, characters.length - 1));
}

function isImage(bytes: Buffer): boolean {
  const png =
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

class WrongCode extends Error {
  constructor(
    readonly codeId: string | null,
    readonly audit: ConfirmationAuditEntry,
    readonly problem: ProblemException,
  ) {
    super('wrong confirmation code');
  }
}

/** Checks a confirmation's shape; returns the decoded signature image and the station witness. */
function confirmationShape(
  confirmation: ConfirmationDto | undefined,
  prefix: string,
): { errors: FieldError[]; signature: Buffer | null; witness: string | null } {
  const errors: FieldError[] = [];
  let signature: Buffer | null = null;
  let witness: string | null = null;
  if (confirmation?.method === 'station') {
    witness = confirmation.witnessName?.trim() ?? '';
    if ([...witness].length < 1 || [...witness].length > 50) {
      errors.push(
        fieldError(
          `${prefix}witnessName`,
          'requiredForStation',
          '站点签字确认须填写见证人姓名（1–50 个字）',
          'a signature at the station needs the name of who witnessed it (1-50 characters)',
        ),
      );
    }
  }
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
  return { errors, signature, witness };
}

/** A contact cannot have happened later than now (a few minutes of clock skew allowed). */
function notInFuture(occurredAt: string, now: Date): FieldError[] {
  return new Date(occurredAt).getTime() > now.getTime() + 5 * 60_000
    ? [fieldError('occurredAt', 'notInFuture', '不能晚于当前时间', 'must not be in the future')]
    : [];
}
