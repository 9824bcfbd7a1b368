import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrgLevel } from '@platform/auth';

/** A unit of the four-level tree (city → district/county → street/township → community/village). */
@Entity({ name: 'org_units' })
export class OrgUnit {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  @Column({ type: 'text' })
  level!: OrgLevel;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  /** Codes from the city down to this unit joined by '/': subtree queries are prefix matches. */
  @Column({ type: 'text' })
  path!: string;

  /** Approximate centre (communities, streets): what matching measures from; never shown on a screen. */
  @Column({ name: 'centroid_lat', type: 'double precision', nullable: true })
  centroidLat!: number | null;

  @Column({ name: 'centroid_lng', type: 'double precision', nullable: true })
  centroidLng!: number | null;
}
