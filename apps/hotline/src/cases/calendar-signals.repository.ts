import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outsideTransaction } from '@platform/database';
import { ENDED_STATES } from '../board/board-row';
import { HotlineConfig } from '../config';
import { CASES_CONFIG } from './case-workflows';

export interface CalendarSignalProgress {
  lastCaseId: string | null;
  finished: boolean;
}

/**
 * The open cases a calendar change is signalled to, page by page in case id order, and how far the signals
 * have gone (calendar_signal_progress). Each statement commits on its own, outside the event's inbox
 * transaction, so the progress survives a crash before the event is acknowledged.
 */
@Injectable()
export class CalendarSignalsRepository {
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) config: HotlineConfig,
  ) {
    this.schema = config.DB_SCHEMA;
  }

  /**
   * On a connection of its own by design, though called inside the inbox transaction: one consumer takes one event
   * at a time, so at most one such transaction waits for a second connection and the pool cannot run dry of it.
   */
  private ownConnection<T>(sql: string, params: unknown[]): Promise<T> {
    return outsideTransaction(() => this.dataSource.query<T>(sql, params));
  }

  async progress(eventId: string): Promise<CalendarSignalProgress | undefined> {
    const [row] = await this.ownConnection<CalendarSignalProgress[]>(
      `SELECT last_case_id AS "lastCaseId", finished_at IS NOT NULL AS finished
         FROM "${this.schema}".calendar_signal_progress WHERE event_id = $1`,
      [eventId],
    );
    return row;
  }

  /**
   * Started cases after `afterCaseId` (keyset on the primary key) whose latest cycle has not ended on the
   * board. A case whose board row is not projected yet counts as open.
   */
  async openCasesAfter(afterCaseId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ownConnection(
      `SELECT c.id FROM "${this.schema}".cases c
        WHERE c.workflow_started_at IS NOT NULL AND ($1::uuid IS NULL OR c.id > $1::uuid)
          AND NOT EXISTS (
            SELECT 1 FROM "${this.schema}".case_board b
             WHERE b.case_id = c.id AND b.state = ANY($2::text[])
               AND b.cycle = (SELECT max(l.cycle) FROM "${this.schema}".case_board l WHERE l.case_id = c.id))
        ORDER BY c.id LIMIT $3`,
      [afterCaseId, ENDED_STATES, limit],
    );
    return rows.map((row) => row.id);
  }

  /** After a page was signalled: where the next one starts, and whether it was the last. */
  async recordPage(
    eventId: string,
    calendarVersion: string,
    page: { lastCaseId: string | null; signalled: number; finished: boolean },
  ): Promise<void> {
    await this.ownConnection(
      `INSERT INTO "${this.schema}".calendar_signal_progress
         (event_id, calendar_version, last_case_id, signalled, pages, finished_at)
       VALUES ($1, $2, $3, $4, 1, CASE WHEN $5::boolean THEN now() END)
       ON CONFLICT (event_id) DO UPDATE SET
         last_case_id = coalesce(EXCLUDED.last_case_id, calendar_signal_progress.last_case_id),
         signalled = calendar_signal_progress.signalled + EXCLUDED.signalled,
         pages = calendar_signal_progress.pages + 1,
         finished_at = EXCLUDED.finished_at,
         updated_at = now()`,
      [eventId, calendarVersion, page.lastCaseId, page.signalled, page.finished],
    );
  }
}
