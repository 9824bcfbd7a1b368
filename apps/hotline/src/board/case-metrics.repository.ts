import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ENDED_STATES } from './board-row';

export interface OpenCaseCount {
  state: string;
  districtCode: string;
  open: number;
  /** Of them, past their promised placement (the same rule as `isBreached` on the board). */
  breached: number;
}

/** The figures /metrics shows of the case board: every open case of the city, counted, no case named. */
@Injectable()
export class CaseMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open cases (the latest cycle of each) by state and district, with how many of them breached at `now`. */
  openCaseCounts(now: Date): Promise<OpenCaseCount[]> {
    const table = `"${String((this.dataSource.options as { schema?: string }).schema)}".case_board`;
    return this.dataSource.query(
      `SELECT b.state, b.district_code AS "districtCode", count(*)::int AS open,
              (count(*) FILTER (WHERE b.breached OR (b.deadline IS NOT NULL AND b.placed_at IS NULL
                 AND NOT b.promise_waived AND b.promise IS DISTINCT FROM 'not-applicable' AND b.deadline < $2)))::int
                AS breached
         FROM ${table} b
        WHERE NOT (b.state = ANY($1))
          AND NOT EXISTS (SELECT 1 FROM ${table} n WHERE n.case_id = b.case_id AND n.cycle > b.cycle)
        GROUP BY b.state, b.district_code`,
      [[...ENDED_STATES], now],
    );
  }
}
