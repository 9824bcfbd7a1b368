import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarOverride } from '@platform/calendar';

/** The current arrangement of one loaded year. */
@Entity({ name: 'calendar_years' })
export class CalendarYearRow {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'jsonb' })
  overrides!: CalendarOverride[];

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One load or correction of a year: the version history and the audit trail. */
@Entity({ name: 'calendar_changes' })
export class CalendarChangeRow {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'jsonb' })
  overrides!: CalendarOverride[];

  @Column({ name: 'previous_overrides', type: 'jsonb', nullable: true })
  previousOverrides!: CalendarOverride[] | null;

  @Column({ type: 'text' })
  format!: 'seed' | 'json' | 'ics';

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
