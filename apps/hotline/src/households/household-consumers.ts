import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { CITY_CODE, orgPathOfCode } from '@platform/auth';
import {
  caseEventDataSchema,
  CaseEventTypes,
  EventEnvelope,
  householdZeroEmploymentSchema,
  PeopleEventTypes,
  Topics,
  type HelpRequestActor,
} from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { householdEpisodeId } from '@platform/workflows/household-assistance';
import { HotlineConfig } from '../config';
import { HouseholdPolicyService } from '../household-policy/household-policy.service';
import { CASES_CONFIG } from '../cases/case-workflows';
import { HouseholdWorkflows } from './household-workflows';
import { HouseholdsRepository } from './households.repository';

/** The platform itself, when a consumer links a member's case: not a person, scoped to the city. */
export const SYSTEM_ACTOR: HelpRequestActor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  roles: [],
  orgPath: CITY_CODE,
};

/**
 * `people.household.v1` → household episodes, each event applied once (inbox): a household entering the
 * zero-employment status starts an episode (or reopens the one still following up its employed member);
 * leaving it signals the episode why. The episode row is written in the inbox transaction before the workflow
 * starts, and the workflow ID comes from (household, episode), so a redelivered event starts nothing twice.
 */
@Injectable()
export class HouseholdStatusConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
    private readonly episodes: HouseholdsRepository,
    private readonly workflows: HouseholdWorkflows,
    private readonly policies: HouseholdPolicyService,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'household-episodes',
      topic: Topics.peopleHousehold,
      types: [PeopleEventTypes.householdZeroEmploymentStarted, PeopleEventTypes.householdZeroEmploymentEnded],
      nodeEnv: config.NODE_ENV,
    });
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = householdZeroEmploymentSchema.safeParse(event.data);
    if (!parsed.success) {
      this.logger.error(
        { eventId: event.id, type: event.type },
        'household event with an invalid payload skipped',
      );
      return;
    }
    const data = parsed.data;
    // Events written before deployments were named come from the default one.
    if ((data.deployment ?? 'people') !== this.config.PEOPLE_DEPLOYMENT) return;
    const latest = await this.episodes.latestForUpdate(manager, data.householdId);
    if (event.type === PeopleEventTypes.householdZeroEmploymentEnded) {
      if (!latest || latest.status === 'closed') return;
      await skipFinished(() =>
        this.workflows.leftStatus(latest.episodeId, {
          at: data.at,
          reason: data.reason ?? 'no-longer-qualifies',
        }),
      );
      return;
    }
    if (latest?.status === 'open') return; // already being helped (a redelivery, or certified after detection)
    if (latest?.status === 'resolved') {
      // Falling back while the employed member is followed up reopens the same episode ("keep one employed").
      const reopened = await skipFinished(() => this.workflows.reentered(latest.episodeId, { at: data.at }));
      if (reopened) return;
    }
    await this.startEpisode(manager, data, (latest?.episode ?? 0) + 1);
  }

  private async startEpisode(
    manager: EntityManager,
    data: ReturnType<typeof householdZeroEmploymentSchema.parse>,
    episode: number,
  ): Promise<void> {
    const communityCode = data.orgPath.split('/').at(-1) ?? '';
    if (!/^\d{12}$/.test(communityCode)) {
      this.logger.error({ householdId: data.householdId }, 'household outside a community skipped');
      return;
    }
    const episodeId = householdEpisodeId(data.householdId, episode);
    const codes = {
      districtCode: communityCode.slice(0, 6),
      streetCode: communityCode.slice(0, 9),
      communityCode,
    };
    const basis = data.basis ?? 'detected';
    await this.episodes.insertStarting(manager, {
      episodeId,
      householdId: data.householdId,
      episode,
      basis,
      orgPath: orgPathOfCode(communityCode),
      ...codes,
      foundAt: data.at,
    });
    const memberIds = data.memberIds ?? [];
    await this.episodes.addMembers(manager, episodeId, memberIds);
    // Members already being helped: their open cases belong to the episode from the start. They travel in the
    // input: an update here would wait for the workflow, whose first record waits for this transaction's row.
    const memberCases = await this.episodes.openCasesOfPersons(manager, memberIds);
    // The policy in force now travels in the input: the episode keeps it whatever changes later.
    const policy = await this.policies.inForce(manager);
    await this.workflows.start({
      episodeId,
      householdId: data.householdId,
      episode,
      ...codes,
      foundAt: data.at,
      basis,
      policy,
      memberCases,
    });
  }
}

/**
 * `hotline.case.v1` → the member's episode: a case registered for a member of a household being helped is linked
 * to the episode (its tracking card shows it); a member's placement is signalled (double employment counts it).
 */
@Injectable()
export class HouseholdCaseConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(CASES_CONFIG) config: HotlineConfig,
    private readonly episodes: HouseholdsRepository,
    private readonly workflows: HouseholdWorkflows,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'household-cases',
      topic: Topics.hotlineCase,
      types: [CaseEventTypes.registered, CaseEventTypes.placed],
      nodeEnv: config.NODE_ENV,
    });
  }

  /** Only the cases of a person in a live episode: every other case's events pass without a transaction. */
  protected override async concerns(event: EventEnvelope): Promise<boolean> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    const personId = parsed.success ? parsed.data.snapshot.personId : null;
    return !!personId && this.episodes.inLiveEpisode(personId);
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    if (!parsed.success) return;
    const { caseId, personId } = parsed.data.snapshot;
    if (!personId) return;
    for (const live of await this.episodes.liveEpisodesOfPerson(manager, personId)) {
      if (event.type === CaseEventTypes.placed) {
        await skipFinished(() =>
          this.workflows.memberPlaced(live.episodeId, { at: event.occurredAt, personId, caseId }),
        );
      } else if (live.caseId !== caseId) {
        await skipFinished(() =>
          this.workflows.update(live.episodeId, 'linkMemberCase', { actor: SYSTEM_ACTOR, personId, caseId }),
        );
      }
    }
  }
}

/** A finished episode takes no signal: false (and nothing thrown), so the event is not retried forever. */
async function skipFinished(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
