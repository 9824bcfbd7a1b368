import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The SQL of the `employer_names` projection (employer id → name, from `employers.employer.v1`). */
@Injectable()
export class EmployerNamesRepository {
  constructor(private readonly dataSource: DataSource) {}

  get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  /**
   * Records the name unless a version at least as new is already there (an older or repeated event changes
   * nothing). True when the row changed.
   */
  async upsert(
    manager: EntityManager,
    employer: { employerId: string; name: string; version: number },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO "${this.schema}".employer_names AS n (employer_id, name, version)
       VALUES ($1, $2, $3)
       ON CONFLICT (employer_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, updated_at = now()
        WHERE n.version < EXCLUDED.version
       RETURNING employer_id`,
      [employer.employerId, employer.name, employer.version],
    );
    return rows.length > 0;
  }
}
