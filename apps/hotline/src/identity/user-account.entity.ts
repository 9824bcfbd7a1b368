import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@platform/auth';
import { OrgUnit } from '../org-tree/org-unit.entity';

@Entity({ name: 'user_accounts' })
export class UserAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; 3–64 of [a-z0-9._-]. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** Never leaves the service: views are built field by field (see user-view.ts). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'org_unit_code', type: 'text' })
  orgUnitCode!: string;

  @ManyToOne(() => OrgUnit, { nullable: false })
  @JoinColumn({ name: 'org_unit_code' })
  orgUnit?: OrgUnit;

  /** Set exactly when roles include employer. */
  @Column({ name: 'employer_id', type: 'uuid', nullable: true })
  employerId!: string | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** A disabled account cannot log in or refresh, and disabling it revoked its sessions. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
