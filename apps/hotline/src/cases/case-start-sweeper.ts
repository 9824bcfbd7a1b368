import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@platform/auth';
import { HotlineConfig } from '../config';
import { CaseRow } from './case.entity';
import { CASES_CONFIG } from './case-workflows';
import { actorOf, CasesService, errorSummary } from './cases.service';

export const SWEEP_INTERVAL_MS = 30_000;
/** Younger rows are left to the request that is still starting them. */
export const SWEEP_MIN_AGE_SECONDS = 10;
const SWEEP_BATCH = 50;

/**
 * Recovery: starts the workflow of every case whose row committed but whose start never happened (a crash or a
 * Temporal outage between the two). Rows are locked with SKIP LOCKED so replicas share the work.
 */
@Injectable()
export class CaseStartSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CaseStartSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
    private readonly cases: CasesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweepSafely();
    this.timer = setInterval(() => void this.sweepSafely(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before the Temporal client closes (onApplicationShutdown), so a pass in progress can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many workflows it started (or found already started). */
  sweep(): Promise<number> {
    // One pass at a time per process: a slow Temporal must not pile up overlapping passes.
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepSafely(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error({ err: errorSummary(error) }, 'case start sweep failed');
    }
  }

  private async sweepOnce(): Promise<number> {
    const s = `"${this.config.DB_SCHEMA}"`;
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; roles: Role[] | null; user_org_path: string | null }> =
        await manager.query(
          `SELECT c.id, u.roles, o.path AS user_org_path
         FROM ${s}.cases c
         LEFT JOIN ${s}.user_accounts u ON u.id = c.opened_by_user_id
         LEFT JOIN ${s}.org_units o ON o.code = u.org_unit_code
         WHERE c.workflow_started_at IS NULL AND c.opened_at < now() - make_interval(secs => $1)
         ORDER BY c.opened_at
         LIMIT ${SWEEP_BATCH}
         FOR UPDATE OF c SKIP LOCKED`,
          [SWEEP_MIN_AGE_SECONDS],
        );
      let started = 0;
      for (const found of rows) {
        const row = await manager.findOneByOrFail(CaseRow, { id: found.id });
        try {
          // The opener acts as the case's first actor, with their roles and area as they are now.
          const openedBy = actorOf({
            userId: row.openedByUserId,
            username: row.openedBy,
            roles: found.roles ?? [],
            orgPath: found.user_org_path ?? row.orgPath,
          });
          await this.cases.startWorkflow(
            row,
            this.cases.decryptIntake(row.intakeEncrypted!),
            openedBy,
            manager,
          );
          started++;
          this.logger.log({ caseId: row.id }, 'started the workflow of a case left unstarted');
        } catch (error) {
          this.logger.error({ caseId: row.id, err: errorSummary(error) }, 'could not start a case workflow');
        }
      }
      return started;
    });
  }
}
