import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@platform/pii';
import { Actor, scopeOf } from '../people-actor';
import { personField } from '../pii/encrypted-columns';
import { notFound } from '../problems';
import { PersonsRepository } from './persons.repository';

export const UNMASK_FIELDS = ['idNumber', 'phone', 'disabilityCertificateNo'] as const;
export type UnmaskField = (typeof UNMASK_FIELDS)[number];

/**
 * Supervisors and admins may unmask every field; operators only the phone (to call back). Employers never. The
 * disability certificate number holds the whole ID number, so it follows the ID number's rule.
 */
export function mayUnmask(actor: Actor, field: UnmaskField): boolean {
  if (actor.roles.includes('supervisor') || actor.roles.includes('admin')) return true;
  return field === 'phone' && actor.roles.includes('operator');
}

export interface UnmaskResult {
  personId: string;
  idNumber?: string;
  phone?: string;
  /** null when the person has no certificate on file. */
  disabilityCertificateNo?: string | null;
  auditId: string;
}

/** Reveals the full ID number or phone, writing who, when, what and why in the same transaction. */
@Injectable()
export class UnmaskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly persons: PersonsRepository,
    private readonly cipher: PiiCipher,
  ) {}

  async unmask(
    personId: string,
    fields: UnmaskField[],
    reason: string,
    actor: Actor,
    channel: 'http' | 'activity',
  ): Promise<UnmaskResult> {
    const wanted = [...new Set(fields)];
    const refused = wanted.filter((field) => !mayUnmask(actor, field));
    if (refused.length) {
      throw new ForbiddenException(
        `Your role may not unmask ${refused.join(', ')} / 您的角色无权查看完整的${refused
          .map((f) => FIELD_NAMES_ZH[f])
          .join('、')}`,
      );
    }
    const scope = scopeOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.persons.secretsInScope(manager, personId, scope);
      if (!row) throw notFound('person', personId);
      const auditId = await this.persons.insertAudit(
        manager,
        {
          personId,
          actorId: actor.userId,
          actorUsername: actor.username,
          actorRoles: actor.roles,
          fields: wanted,
          reason: reason.trim(),
          channel,
        },
        scope,
      );
      if (!auditId) throw notFound('person', personId);
      return {
        personId,
        ...(wanted.includes('idNumber')
          ? { idNumber: this.cipher.decrypt(row.id_number_enc, personField('id_number_enc', row.id)) }
          : {}),
        ...(wanted.includes('phone')
          ? { phone: this.cipher.decrypt(row.phone_enc, personField('phone_enc', row.id)) }
          : {}),
        ...(wanted.includes('disabilityCertificateNo')
          ? {
              disabilityCertificateNo:
                row.disability_certificate_enc &&
                this.cipher.decrypt(
                  row.disability_certificate_enc,
                  personField('disability_certificate_enc', row.id),
                ),
            }
          : {}),
        auditId,
      };
    });
  }

  async auditOf(personId: string, actor: Actor) {
    const rows = await this.persons.auditOf(personId, scopeOf(actor));
    if (!rows) throw notFound('person', personId);
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      actorRoles: r.actor_roles,
      fields: r.fields,
      reason: r.reason,
      channel: r.channel,
      accessedAt: (r.accessed_at as Date).toISOString(),
    }));
  }
}

const FIELD_NAMES_ZH: Record<UnmaskField, string> = {
  idNumber: '身份证号',
  phone: '手机号',
  disabilityCertificateNo: '残疾人证号',
};
