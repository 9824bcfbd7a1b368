import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A help request as the hotline stores it: references and org codes only; the intake only encrypted. */
@Entity({ name: 'cases' })
export class CaseRow {
  /** Also the workflow ID. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Unique per opener (`openedBy`), so a retried POST finds its case. */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** Keyed SHA-256 of the canonical request: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_by_user_id', type: 'uuid' })
  openedByUserId!: string;

  /** The community's path in the org tree: scope checks are prefix matches. */
  @Column({ name: 'org_path', type: 'text' })
  orgPath!: string;

  @Column({ name: 'district_code', type: 'text' })
  districtCode!: string;

  @Column({ name: 'street_code', type: 'text' })
  streetCode!: string;

  @Column({ name: 'community_code', type: 'text' })
  communityCode!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** The whole CaseIntake, PiiCipher-encrypted; null once the workflow (whose input holds it) has started. */
  @Column({ name: 'intake_encrypted', type: 'text', nullable: true })
  intakeEncrypted!: string | null;

  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;
}
