import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { caseEventDataSchema, CaseEventTypes, EventEnvelope, Topics } from '@platform/contracts';
import { outsideTransaction } from '@platform/database';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { HotlineConfig } from '../config';
import { CASES_CONFIG, CaseWorkflows } from '../cases/case-workflows';
import { JobFairsRepository } from './job-fairs.repository';
import { JobFairsService } from './job-fairs.service';

export const FAIR_SWEEP_INTERVAL_MS = 5_000;
const FAIR_SWEEP_BATCH = 50;

/**
 * Finishes fair applications left pending: a case not opened yet (a crash, Temporal away), or a case that has
 * not registered the person yet. Each row is worked under its own lock (SKIP LOCKED), so replicas, the request
 * and the registered-event consumer never propose twice.
 */
@Injectable()
export class JobFairApplicationSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobFairApplicationSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly repository: JobFairsRepository,
    private readonly fairs: JobFairsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepSafely(), FAIR_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass (one at a time per process); returns how many applications were proposed. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepSafely(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error({ err: error }, 'fair application sweep failed');
    }
  }

  private async sweepOnce(): Promise<number> {
    let proposed = 0;
    for (const id of await this.repository.due(FAIR_SWEEP_BATCH)) {
      if ((await this.fairs.advance(id)) === 'proposed') proposed++;
    }
    return proposed;
  }
}

/**
 * `hotline.case.v1` → fair applications: a case that registered its person lets its waiting applications be
 * proposed at once (the sweeper would find them a little later); a referral's answers and the placement update
 * what the fair's results show (placements come from the case's placed event, for the fair's referral only).
 */
@Injectable()
export class JobFairCaseConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(CASES_CONFIG) config: HotlineConfig,
    private readonly repository: JobFairsRepository,
    private readonly workflows: CaseWorkflows,
    private readonly fairs: JobFairsService,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'job-fair-cases',
      topic: Topics.hotlineCase,
      types: [
        CaseEventTypes.registered,
        CaseEventTypes.referralProposed,
        CaseEventTypes.referralChanged,
        CaseEventTypes.personAnswered,
        CaseEventTypes.placed,
      ],
      nodeEnv: config.NODE_ENV,
    });
  }

  /** Only the cases a fair opened: every other case's events pass without a transaction. */
  protected override async concerns(event: EventEnvelope): Promise<boolean> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    return parsed.success && this.repository.caseHasApplications(parsed.data.snapshot.caseId);
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    if (!parsed.success) return;
    const { caseId } = parsed.data.snapshot;
    const applications = await this.repository.applicationsOfCase(manager, caseId);
    if (!applications.length) return;
    const waiting = applications.filter((a) => a.status === 'awaiting-registration');
    if (waiting.length) {
      // Not awaited: the proposal takes its own row lock and its own transaction (a second connection the inbox
      // transaction never waits for, so it cannot hold the pool dry).
      setImmediate(() =>
        outsideTransaction(() => {
          for (const application of waiting) {
            void this.fairs
              .advance(application.id)
              .catch((error: unknown) =>
                this.logger.warn({ applicationId: application.id, err: error }, 'left to the sweeper'),
              );
          }
        }),
      );
    }
    const proposed = applications.filter((a) => a.referralId);
    if (!proposed.length) return;
    let referrals;
    try {
      referrals = (await this.workflows.state(caseId)).referrals;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return; // the case's run is over: nothing changes any more
      throw error;
    }
    for (const application of proposed) {
      const referral = referrals.find((r) => r.referralId === application.referralId);
      if (!referral) continue;
      const placedAt =
        event.type === CaseEventTypes.placed && referral.status === 'started' ? event.occurredAt : null;
      if (referral.status !== application.referralStatus || placedAt) {
        await this.repository.referralChanged(manager, application.id, referral.status, placedAt);
      }
    }
  }
}
