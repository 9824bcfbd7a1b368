import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KpiUnit } from '@platform/contracts';
import { AreaScope, inArea } from '../org-tree/area-scope';
import { BOARD_ROW_COLUMNS, BoardRow, BoardRowWithNames, ENDED_STATES } from './board-row';

export interface OrgUnitRef extends KpiUnit {
  path: string;
}

const UNIT_COLUMNS = `code, level, name_zh AS "nameZh", name_en AS "nameEn", path`;

/**
 * Reads of the `case_board` read model and of the org units the KPIs are reported by. Every read of cases or
 * units takes the caller's area and puts it in the WHERE.
 */
@Injectable()
export class BoardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Open cases (the latest cycle of each) in the area, optionally narrowed to a district, street or community,
   * with the owner's display name, whether the owner can still work the case, and the community's name (lateral
   * subqueries, so their columns never collide with the board's unqualified ones).
   */
  openLatestCycles(
    area: AreaScope,
    narrow: { districtCode?: string; streetCode?: string; communityCode?: string },
  ): Promise<BoardRowWithNames[]> {
    const params: unknown[] = [[...ENDED_STATES]];
    const filters = [inArea('b.org_path', area, params)];
    for (const [column, value] of [
      ['district_code', narrow.districtCode],
      ['street_code', narrow.streetCode],
      ['community_code', narrow.communityCode],
    ] as const) {
      if (value) filters.push(`b.${column} = $${params.push(value)}`);
    }
    return this.dataSource.query(
      `SELECT ${BOARD_ROW_COLUMNS}, w.display_name AS "ownerName",
              coalesce(w.available, false) AS "ownerAvailable",
              c.name_zh AS "communityName", c.name_en AS "communityNameEn"
       FROM ${this.table('case_board')} b
       LEFT JOIN LATERAL (
         SELECT u.display_name,
                u.roles && ARRAY['operator', 'supervisor']::text[]
                  AND (b.org_path = uo.path OR starts_with(b.org_path, uo.path || '/')) AS available
         FROM ${this.table('user_accounts')} u JOIN ${this.table('org_units')} uo ON uo.code = u.org_unit_code
         WHERE u.username = b.owner) w ON true
       LEFT JOIN LATERAL (SELECT name_zh, name_en FROM ${this.table('org_units')}
                          WHERE code = b.community_code) c ON true
       WHERE NOT (b.state = ANY($1))
         AND NOT EXISTS (SELECT 1 FROM ${this.table('case_board')} n
                         WHERE n.case_id = b.case_id AND n.cycle > b.cycle)
         AND ${filters.join(' AND ')}`,
      params,
    );
  }

  /** The unit if it lies in the area. */
  async unitInArea(code: string, area: AreaScope): Promise<OrgUnitRef | undefined> {
    const params: unknown[] = [code];
    const [unit]: OrgUnitRef[] = await this.dataSource.query(
      `SELECT ${UNIT_COLUMNS} FROM ${this.table('org_units')} WHERE code = $1 AND ${inArea('path', area, params)}`,
      params,
    );
    return unit;
  }

  /** Whether the unit exists at all (the org tree is no secret): tells a wrong code from another area's. */
  async unitExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM ${this.table('org_units')} WHERE code = $1`, [
      code,
    ]);
    return rows.length > 0;
  }

  childUnits(unit: OrgUnitRef): Promise<OrgUnitRef[]> {
    return this.dataSource.query(
      `SELECT ${UNIT_COLUMNS} FROM ${this.table('org_units')} WHERE parent_code = $1 ORDER BY code`,
      [unit.code],
    );
  }

  /** The districts of the unit's subtree, or the district that holds it. */
  districtsOf(unit: OrgUnitRef): Promise<Array<{ code: string; nameZh: string; nameEn: string | null }>> {
    return this.dataSource.query(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM ${this.table('org_units')}
       WHERE level = 'district' AND (path = $1 OR $1 LIKE path || '/%' OR path LIKE $2)
       ORDER BY code`,
      [unit.path, `${escapeLike(unit.path)}/%`],
    );
  }

  /**
   * The case cycles of the unit's subtree whose clock started in [start, end), within the caller's area too
   * (the unit was found in it, so this only says so again).
   */
  cyclesStartedIn(area: AreaScope, unit: OrgUnitRef, start: string, end: string): Promise<BoardRow[]> {
    const params: unknown[] = [start, end];
    const unitArea = { path: unit.path, descendants: `${escapeLike(unit.path)}/%` };
    return this.dataSource.query(
      `SELECT ${BOARD_ROW_COLUMNS} FROM ${this.table('case_board')}
       WHERE coalesce(sla_started_at, opened_at) >= $1 AND coalesce(sla_started_at, opened_at) < $2
         AND ${inArea('org_path', area, params)} AND ${inArea('org_path', unitArea, params)}`,
      params,
    );
  }

  private table(name: string): string {
    return `"${String((this.dataSource.options as { schema?: string }).schema)}".${name}`;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
