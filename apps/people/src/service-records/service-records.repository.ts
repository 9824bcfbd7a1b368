import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';

export interface ServiceRecordRow {
  id: string;
  person_id: string;
  kind: string;
  staff_id: string;
  channel: string;
  occurred_at: Date;
  outcome: string;
  confirmation_method: ConfirmationMethod | null;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  witness_enc: string | null;
}

export type ConfirmationMethod = 'otp' | 'signature' | 'station';

/** One line of the confirmation audit: who sent a code, had one refused, or confirmed a record, and when. */
export interface ConfirmationAuditEntry {
  personId: string;
  recordId?: string | null;
  codeId?: string | null;
  action: 'code-sent' | 'code-refused' | 'confirmed';
  method?: ConfirmationMethod | null;
  actor: { userId: string; username: string; roles: string[] };
  at: Date;
}

export interface CodeRow {
  id: string;
  code_hash: Buffer;
  expires_at: Date;
  used_at: Date | null;
  attempts: number;
}

/**
 * Service records and one-time confirmation codes. They belong to a person, so every statement joins the
 * person and puts the caller's scope on the person's area; another area's person, record or code is not found.
 */
@Injectable()
export class ServiceRecordsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /** `"persons" p` restricted to person $1 in the scope of $2/$3. */
  private personInScope(): string {
    return `"${this.s}".persons p WHERE p.id = $1 AND ${inScope('p.org_path', 2)}`;
  }

  /** Where to send a code: the person's encrypted phone and its mask. */
  async contactOf(
    personId: string,
    scope: Scope,
  ): Promise<{ id: string; phone_enc: string; phone_masked: string } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.phone_enc, p.phone_masked FROM ${this.personInScope()}`,
      [personId, ...scopeParams(scope)],
    );
    return row;
  }

  /**
   * Locks the person's row for this transaction, so two sends at once count each other's codes (the hourly
   * limit holds under concurrency). False when the person is not in scope.
   */
  async lockForCodes(manager: EntityManager, personId: string, scope: Scope): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT p.id FROM ${this.personInScope()} FOR UPDATE OF p`, [
      personId,
      ...scopeParams(scope),
    ]);
    return rows.length > 0;
  }

  /** How many codes were sent to a person in scope since `since` (sending is limited per hour). */
  async codesSentSince(manager: EntityManager, personId: string, since: Date, scope: Scope): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(c.id)::int AS sent FROM "${this.s}".confirmation_codes c
       JOIN "${this.s}".persons p ON p.id = c.person_id
       WHERE c.person_id = $1 AND ${inScope('p.org_path', 2)} AND c.expires_at > $4`,
      [personId, ...scopeParams(scope), since],
    );
    return row.sent;
  }

  async insertCode(
    manager: EntityManager,
    personId: string,
    codeHash: Buffer,
    expiresAt: Date,
    scope: Scope,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO "${this.s}".confirmation_codes (person_id, code_hash, expires_at)
       SELECT p.id, $4, $5 FROM ${this.personInScope()} RETURNING id`,
      [personId, ...scopeParams(scope), codeHash, expiresAt],
    );
    return row?.id;
  }

  /** Locks a person in scope (records of one person are written one at a time). */
  async lockPerson(manager: EntityManager, personId: string, scope: Scope): Promise<boolean> {
    const rows = await manager.query(`SELECT p.id FROM ${this.personInScope()} FOR UPDATE`, [
      personId,
      ...scopeParams(scope),
    ]);
    return rows.length === 1;
  }

  /** The record written under a request id, any person's (a key reused for another person is a conflict). */
  async byRequestId(
    manager: EntityManager,
    requestId: string,
  ): Promise<{ id: string; person_id: string } | undefined> {
    const [row] = await manager.query(
      `SELECT id, person_id FROM "${this.s}".service_records WHERE request_id = $1`,
      [requestId],
    );
    return row;
  }

  /** Inserts a record of a person in scope; undefined when the request id was taken meanwhile. */
  async insert(
    manager: EntityManager,
    record: {
      id: string;
      personId: string;
      kind: string;
      staffId: string;
      channel: string;
      occurredAt: Date;
      outcome: string;
      confirmationMethod: ConfirmationMethod | null;
      signature: Buffer | null;
      witnessEnc: string | null;
      confirmedAt: Date | null;
      confirmedBy: string | null;
      requestId: string | null;
    },
    scope: Scope,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO "${this.s}".service_records
         (id, person_id, kind, staff_id, channel, occurred_at, outcome, confirmation_method, signature_image,
          confirmed_at, request_id, witness_enc, confirmed_by)
       SELECT $13, p.id, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $15 FROM ${this.personInScope()}
       ON CONFLICT (request_id) WHERE request_id IS NOT NULL DO NOTHING RETURNING id`,
      [
        record.personId,
        ...scopeParams(scope),
        record.kind,
        record.staffId,
        record.channel,
        record.occurredAt,
        record.outcome,
        record.confirmationMethod,
        record.signature,
        record.confirmedAt,
        record.requestId,
        record.id,
        record.witnessEnc,
        record.confirmedBy,
      ],
    );
    return row?.id;
  }

  /** A record of a person in scope, locked for its confirmation. */
  async lockRecord(
    manager: EntityManager,
    personId: string,
    recordId: string,
    scope: Scope,
  ): Promise<{ id: string; confirmed_at: Date | null } | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, r.confirmed_at FROM "${this.s}".service_records r
       JOIN "${this.s}".persons p ON p.id = r.person_id
       WHERE r.person_id = $1 AND ${inScope('p.org_path', 2)} AND r.id = $4 FOR UPDATE OF r`,
      [personId, ...scopeParams(scope), recordId],
    );
    return row;
  }

  async confirm(
    manager: EntityManager,
    personId: string,
    recordId: string,
    confirmation: {
      method: ConfirmationMethod;
      signature: Buffer | null;
      witnessEnc: string | null;
      confirmedBy: string;
      at: Date;
    },
    scope: Scope,
  ): Promise<void> {
    await manager.query(
      `UPDATE "${this.s}".service_records r SET confirmation_method = $5, signature_image = $6, witness_enc = $7,
         confirmed_by = $8, confirmed_at = $9
       FROM ${this.personInScope()} AND r.person_id = p.id AND r.id = $4`,
      [
        personId,
        ...scopeParams(scope),
        recordId,
        confirmation.method,
        confirmation.signature,
        confirmation.witnessEnc,
        confirmation.confirmedBy,
        confirmation.at,
      ],
    );
  }

  /** Audits a code sent or refused, or a confirmation (the caller has already checked the person's scope). */
  async audit(manager: EntityManager | DataSource, entry: ConfirmationAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.s}".confirmation_audit
         (person_id, record_id, code_id, action, method, actor_id, actor_username, actor_roles, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.personId,
        entry.recordId ?? null,
        entry.codeId ?? null,
        entry.action,
        entry.method ?? null,
        entry.actor.userId,
        entry.actor.username,
        entry.actor.roles,
        entry.at,
      ],
    );
  }

  /** A one-time code sent to this person in scope, locked. */
  async lockCode(
    manager: EntityManager,
    personId: string,
    codeId: string,
    scope: Scope,
  ): Promise<CodeRow | undefined> {
    const [row] = await manager.query(
      `SELECT c.id, c.code_hash, c.expires_at, c.used_at, c.attempts FROM "${this.s}".confirmation_codes c
       JOIN "${this.s}".persons p ON p.id = c.person_id
       WHERE c.person_id = $1 AND ${inScope('p.org_path', 2)} AND c.id = $4 FOR UPDATE OF c`,
      [personId, ...scopeParams(scope), codeId],
    );
    return row;
  }

  async markCodeUsed(
    manager: EntityManager,
    personId: string,
    codeId: string,
    at: Date,
    scope: Scope,
  ): Promise<void> {
    await manager.query(
      `UPDATE "${this.s}".confirmation_codes c SET used_at = $5
       FROM ${this.personInScope()} AND c.person_id = p.id AND c.id = $4`,
      [personId, ...scopeParams(scope), codeId, at],
    );
  }

  /** Counts a wrong guess and audits it (outside the failed transaction, so guessing stays limited). */
  async countWrongAttempt(personId: string, codeId: string, scope: Scope, audit: ConfirmationAuditEntry) {
    await this.dataSource.transaction(async (manager) => {
      // An UPDATE answers [rows, count].
      const [counted]: [unknown[], number] = await manager.query(
        `UPDATE "${this.s}".confirmation_codes c SET attempts = attempts + 1
         FROM ${this.personInScope()} AND c.person_id = p.id AND c.id = $4 RETURNING c.id`,
        [personId, ...scopeParams(scope), codeId],
      );
      if (counted.length) await this.audit(manager, audit);
    });
  }

  /** A page of a person's records, newest first; undefined when the person is not in scope. */
  async list(
    personId: string,
    scope: Scope,
    limit: number,
    offset: number,
  ): Promise<{ rows: ServiceRecordRow[]; total: number } | undefined> {
    const [person] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${this.s}".service_records r WHERE r.person_id = p.id) AS total
       FROM ${this.personInScope()}`,
      [personId, ...scopeParams(scope)],
    );
    if (!person) return undefined;
    const rows = await this.dataSource.query(
      `SELECT r.* FROM "${this.s}".service_records r JOIN "${this.s}".persons p ON p.id = r.person_id
       WHERE r.person_id = $1 AND ${inScope('p.org_path', 2)}
       ORDER BY r.occurred_at DESC, r.id LIMIT $4 OFFSET $5`,
      [personId, ...scopeParams(scope), limit, offset],
    );
    return { rows, total: person.total };
  }

  async findInScope(recordId: string, scope: Scope): Promise<ServiceRecordRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT r.* FROM "${this.s}".service_records r JOIN "${this.s}".persons p ON p.id = r.person_id
       WHERE r.id = $1 AND ${inScope('p.org_path', 2)}`,
      [recordId, ...scopeParams(scope)],
    );
    return row;
  }
}
