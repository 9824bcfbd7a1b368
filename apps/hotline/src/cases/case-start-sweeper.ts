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
import { actorOf, CasesService } from './cases.service';

export const SWEEP_INTERVAL_MS = 30_000;
/** Younger rows are left to the request that is still starting them. */
export const SWEEP_MIN_AGE_SECONDS = 10;
const SWEEP_BATCH = 50;
/** A row that keeps failing is retried after 30 s, 1 min, 2 min … at most every 30 min. */
const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * Recovery: starts the workflow of every case whose row committed but whose start never happened (a crash or a
 * Temporal outage between the two). Rows are locked with SKIP LOCKED so replicas share the work.
 */
@Injectable()
export class CaseStartSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CaseStartSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly backoff = new Map<string, { until: number; delayMs: number }>();

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
      this.logger.error({ err: error }, 'case start sweep failed');
    }
  }

  private async sweepOnce(): Promise<number> {
    const s = `"${this.config.DB_SCHEMA}"`;
    const now = Date.now();
    const waiting = [...this.backoff].filter(([, b]) => b.until > now).map(([id]) => id);
    // Rows that keep failing wait out their backoff, so they never hold the head of the queue.
    const candidates: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${s}.cases
        WHERE workflow_started_at IS NULL AND recorded_at < now() - make_interval(secs => $1)
          AND NOT (id = ANY($2::uuid[]))
        ORDER BY recorded_at LIMIT ${SWEEP_BATCH}`,
      [SWEEP_MIN_AGE_SECONDS, waiting],
    );
    let started = 0;
    for (const { id } of candidates) if (await this.startOne(id)) started++;
    return started;
  }

  /** One row in its own transaction: its lock is held only while its own workflow starts. */
  private startOne(id: string): Promise<boolean> {
    const s = `"${this.config.DB_SCHEMA}"`;
    return this.dataSource.transaction(async (manager) => {
      const [found]: Array<{ roles: Role[] | null; user_org_path: string | null }> = await manager.query(
        `SELECT u.roles, o.path AS user_org_path
           FROM ${s}.cases c
           LEFT JOIN ${s}.user_accounts u ON u.id = c.opened_by_user_id
           LEFT JOIN ${s}.org_units o ON o.code = u.org_unit_code
          WHERE c.id = $1 AND c.workflow_started_at IS NULL
          FOR UPDATE OF c SKIP LOCKED`,
        [id],
      );
      if (!found) return false; // started meanwhile, or another replica has it
      const row = await manager.findOneByOrFail(CaseRow, { id });
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
          this.cases.decryptIntake(row.intakeEncrypted!, row.id),
          openedBy,
          manager,
        );
        this.backoff.delete(id);
        this.logger.log({ caseId: row.id }, 'started the workflow of a case left unstarted');
        return true;
      } catch (error) {
        const delayMs = Math.min(
          (this.backoff.get(id)?.delayMs ?? SWEEP_INTERVAL_MS / 2) * 2,
          MAX_BACKOFF_MS,
        );
        this.backoff.set(id, { until: Date.now() + delayMs, delayMs });
        this.logger.error(
          { caseId: row.id, err: error, retryInMs: delayMs },
          'could not start a case workflow',
        );
        return false;
      }
    });
  }

  /** Whether a failed row is waiting out its backoff (for specs and diagnostics). */
  isBackingOff(caseId: string): boolean {
    return (this.backoff.get(caseId)?.until ?? 0) > Date.now();
  }
}
