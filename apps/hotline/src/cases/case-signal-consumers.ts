import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, referralEventDataSchema, Topics } from '@platform/contracts';
import {
  createReliableProducer,
  ensureKafkaTopics,
  EventConsumer,
  KAFKA,
  prepareConsumerGroup,
} from '@platform/outbox';
import { HotlineConfig } from '../config';
import { CalendarSignalsRepository } from './calendar-signals.repository';
import { CASES_CONFIG, CaseWorkflows } from './case-workflows';

export const CALENDAR_YEAR_LOADED = 'hotline.calendar.year-loaded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Signals sent at once when a calendar change fans out to every open case. */
const FAN_OUT = 20;

/**
 * Turns Kafka events into signals to case workflows, each event applied once (inbox): referral changes from the
 * jobs service, and calendar corrections that make open cases recompute their SLA.
 */
@Injectable()
export class CaseSignalConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CaseSignalConsumers.name);
  private readonly consumers: EventConsumer[] = [];
  private deadLetters: Producer | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
    private readonly workflows: CaseWorkflows,
    private readonly calendarSignals: CalendarSignalsRepository,
  ) {}

  /** Open cases signalled per page of a calendar change; each page's progress is committed on its own. */
  calendarPageSize = 200;

  async onApplicationBootstrap(): Promise<void> {
    const topics = [Topics.jobsReferral, Topics.hotlineCalendar];
    // jobs.referral.v1 belongs to the jobs service, which may start later: create what is missing (same
    // settings as ensureTopics everywhere) so subscribing never fails on a fresh cluster.
    await ensureKafkaTopics(this.kafka, [...topics, ...topics.map((topic) => `${topic}.dead-letter`)]);
    this.deadLetters = createReliableProducer(this.kafka);
    await this.deadLetters.connect();
    const schema = this.config.DB_SCHEMA;
    // Every referral event matters in production (a case may be older than this replica); a test schema's
    // cases are all newer than its start, so its group skips the shared broker's history of earlier runs.
    await prepareConsumerGroup(this.kafka, {
      groupId: `${schema}.cases.referral-signals`,
      topic: Topics.jobsReferral,
      startAtEnd: this.config.NODE_ENV === 'test',
    });
    const common = {
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema,
      deadLetterProducer: this.deadLetters,
    };
    this.consumers.push(
      new EventConsumer({
        ...common,
        name: `${schema}.cases.referral-signals`,
        topics: [Topics.jobsReferral],
        handle: (event, manager) => this.referralChanged(event, manager),
      }),
      new EventConsumer({
        ...common,
        name: `${schema}.cases.calendar-signals`,
        topics: [Topics.hotlineCalendar],
        // Only changes from now on matter: a case computes its SLA on the calendar current when it opens.
        fromBeginning: false,
        handle: (event, manager) => this.calendarChanged(event, manager),
      }),
    );
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  /** Before the Temporal client closes (onApplicationShutdown), so no signal is cut off mid-call. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.deadLetters?.disconnect();
  }

  /** `jobs.referral.v1` → `referralChanged` on the referral's case (events of other cases are ignored). */
  async referralChanged(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = referralEventDataSchema.safeParse(event.data);
    if (!parsed.success) {
      this.logger.error(
        { eventId: event.id, type: event.type },
        'referral event with an invalid payload skipped',
      );
      return;
    }
    const data = parsed.data;
    if (!UUID.test(data.caseId)) return;
    const [known] = await manager.query(`SELECT 1 FROM "${this.config.DB_SCHEMA}".cases WHERE id = $1`, [
      data.caseId,
    ]);
    if (!known) return;
    await this.signal(data.caseId, event.id, () =>
      this.workflows.referralChanged(data.caseId, {
        eventId: event.id,
        referralId: data.referralId,
        vacancyId: data.vacancyId,
        status: data.status,
        reason: data.reason,
        occurredOn: data.occurredOn,
        actor: data.actor,
      }),
    );
  }

  /**
   * `hotline.calendar.year-loaded` → `calendarChanged` on every open case (started, its latest cycle not ended),
   * read from the cases table rather than Temporal visibility: the table is this service's own, consistent at
   * once and never lists other deployments' workflows sharing the namespace. Pages of `calendarPageSize` cases
   * in id order; after each page its progress commits on its own, so a redelivered event (a crash before the
   * inbox commit) resumes after the last page: signals of a page cut short are sent again, and a workflow
   * takes the same calendar version twice as once. A case opened meanwhile opens on the new calendar anyway.
   * Finished workflows refuse the signal and are skipped.
   */
  async calendarChanged(event: EventEnvelope, _manager?: EntityManager): Promise<void> {
    if (event.type !== CALENDAR_YEAR_LOADED) return;
    const calendarVersion = event.data.calendarVersion;
    if (typeof calendarVersion !== 'string') {
      this.logger.error({ eventId: event.id }, 'calendar event without calendarVersion skipped');
      return;
    }
    // Only a source or a holiday's name changed: no deadline can move, so no case is re-timed.
    const changedDates = event.data.changedDates;
    if (Array.isArray(changedDates) && changedDates.length === 0) return;
    const progress = await this.calendarSignals.progress(event.id);
    if (progress?.finished) return;
    let after = progress?.lastCaseId ?? null;
    for (;;) {
      const ids = await this.calendarSignals.openCasesAfter(after, this.calendarPageSize);
      for (let i = 0; i < ids.length; i += FAN_OUT) {
        // allSettled: a failure must not leave the rest of the batch running after the handler gave up.
        const results = await Promise.allSettled(
          ids
            .slice(i, i + FAN_OUT)
            .map((id) =>
              this.signal(id, event.id, () => this.workflows.calendarChanged(id, { calendarVersion })),
            ),
        );
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
      }
      const finished = ids.length < this.calendarPageSize;
      after = ids.at(-1) ?? after;
      await this.calendarSignals.recordPage(event.id, calendarVersion, {
        lastCaseId: after,
        signalled: ids.length,
        finished,
      });
      if (finished) return;
    }
  }

  /** A finished (or never started) workflow cannot take signals: logged and skipped, not retried forever. */
  private async signal(caseId: string, eventId: string, send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      this.logger.warn({ caseId, eventId, err: error }, 'case workflow not running; signal skipped');
    }
  }
}
