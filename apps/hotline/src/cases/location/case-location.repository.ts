import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HotlineConfig } from '../../config';
import { AreaScope, inArea } from '../../org-tree/area-scope';
import { CASES_CONFIG } from '../case-workflows';

/** The location an operator set on a case (the latest change), with the community's names and centroid. */
export interface CaseLocationRow {
  id: string;
  communityCode: string;
  addressEncrypted: string | null;
  changedBy: string;
  /** The account's display name; null when the account is gone. */
  changedByName: string | null;
  changedAt: Date;
}

/**
 * SQL of `case_location_changes`. Reads and writes take the caller's area and check it against the case's
 * community in the same statement, so a case outside the area is neither read nor changed.
 */
@Injectable()
export class CaseLocationRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
  ) {}

  /** The location in force (the latest change) of a case in the area; undefined when none was ever set. */
  async latest(caseId: string, area: AreaScope): Promise<CaseLocationRow | undefined> {
    const params: unknown[] = [caseId];
    const [row]: CaseLocationRow[] = await this.dataSource.query(
      `SELECT l.id, l.community_code AS "communityCode", l.address_encrypted AS "addressEncrypted",
              l.changed_by AS "changedBy", u.display_name AS "changedByName", l.changed_at AS "changedAt"
       FROM ${this.table('case_location_changes')} l
       JOIN ${this.table('cases')} c ON c.id = l.case_id
       LEFT JOIN ${this.table('user_accounts')} u ON u.username = l.changed_by
       WHERE l.case_id = $1 AND ${inArea('c.org_path', area, params)}
       ORDER BY l.changed_at DESC, l.id DESC LIMIT 1`,
      params,
    );
    return row;
  }

  /** Appends a change when the case lies in the area; false otherwise (nothing written). */
  async append(
    change: {
      id: string;
      caseId: string;
      communityCode: string;
      addressEncrypted: string | null;
      changedBy: string;
      changedByUserId: string;
    },
    area: AreaScope,
  ): Promise<boolean> {
    const params: unknown[] = [
      change.id,
      change.caseId,
      change.communityCode,
      change.addressEncrypted,
      change.changedBy,
      change.changedByUserId,
    ];
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.table('case_location_changes')}
         (id, case_id, community_code, address_encrypted, changed_by, changed_by_user_id, changed_at)
       SELECT $1, c.id, $3, $4, $5, $6, clock_timestamp()
       FROM ${this.table('cases')} c WHERE c.id = $2 AND ${inArea('c.org_path', area, params)}
       RETURNING id`,
      params,
    );
    return inserted.length > 0;
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}
