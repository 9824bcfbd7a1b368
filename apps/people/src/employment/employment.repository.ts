import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';

export interface EmploymentChange {
  id: string;
  org_path: string;
  community_code: string;
  unemployment_status: string;
  household_id: string | null;
  /** The case whose placement (or its undoing) made the change. */
  case_id: string;
}

/** The person's employment as cases change it. Statements take a scope like every other repository's. */
@Injectable()
export class EmploymentRepository {
  constructor(@Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /**
   * A registered unemployed person placed through a case becomes employed, remembering the case; anyone else
   * (already employed, deregistered, unknown here) is left as they are. Undefined when nothing changed.
   */
  async markEmployedByCase(
    manager: EntityManager,
    personId: string,
    caseId: string,
    scope: Scope,
  ): Promise<EmploymentChange | undefined> {
    // An UPDATE answers [rows, count].
    const [rows] = await manager.query(
      `UPDATE "${this.s}".persons p SET unemployment_status = 'employed', employed_by_case = $4, updated_at = now()
       WHERE p.id = $1 AND ${inScope('p.org_path', 2)} AND p.unemployment_status = 'registered'
       RETURNING p.id, p.org_path, p.community_code, p.unemployment_status, p.household_id, $4::uuid AS case_id`,
      [personId, ...scopeParams(scope), caseId],
    );
    return rows[0];
  }

  /**
   * The case that placed the person reopened (a callback or follow-up found them out of work): registered
   * unemployed again. Only what that case's placement set is undone. Undefined when nothing changed.
   */
  async markUnemployedAgain(
    manager: EntityManager,
    personId: string,
    caseId: string,
    scope: Scope,
  ): Promise<EmploymentChange | undefined> {
    // An UPDATE answers [rows, count].
    const [rows] = await manager.query(
      `UPDATE "${this.s}".persons p SET unemployment_status = 'registered', employed_by_case = NULL, updated_at = now()
       WHERE p.id = $1 AND ${inScope('p.org_path', 2)} AND p.unemployment_status = 'employed'
         AND p.employed_by_case = $4
       RETURNING p.id, p.org_path, p.community_code, p.unemployment_status, p.household_id, $4::uuid AS case_id`,
      [personId, ...scopeParams(scope), caseId],
    );
    return rows[0];
  }

  /**
   * Keeps the change as a dated event (employed / unemployed), in the transaction that made it: training reads
   * "employed within 6 months after completing a course" from these, and the ledgers may too.
   */
  async recordEvent(manager: EntityManager, change: EmploymentChange, occurredAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.s}".employment_events (person_id, kind, occurred_at, case_id) VALUES ($1, $2, $3, $4)`,
      [
        change.id,
        change.unemployment_status === 'employed' ? 'employed' : 'unemployed',
        occurredAt,
        change.case_id,
      ],
    );
  }
}
