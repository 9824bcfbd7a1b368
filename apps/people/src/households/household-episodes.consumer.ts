import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventEnvelope,
  HouseholdEventTypes,
  householdEpisodeChangedSchema,
  Topics,
} from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { PeopleConfig } from '../config';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { HouseholdEpisodesRepository } from './household-episodes.repository';

/**
 * The hotline's assistance episodes of zero-employment households, as their summaries change
 * (`hotline.household-episode.v1`, through the inbox): the latest summary of each episode, so the household's
 * page says whether someone is on it, by when, and how it ended. An older `seq` never overwrites a newer one.
 */
@Injectable()
export class HouseholdEpisodesConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) config: PeopleConfig,
    private readonly episodes: HouseholdEpisodesRepository,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'household-episodes',
      topic: Topics.hotlineHouseholdEpisode,
      types: [HouseholdEventTypes.changed],
      nodeEnv: config.NODE_ENV,
    });
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = householdEpisodeChangedSchema.safeParse(event.data);
    if (!parsed.success) {
      // Retrying cannot fix it, and blocking the partition would stop every later summary: skip, loudly.
      this.logger.error(
        { eventId: event.id, type: event.type },
        'household episode summary skipped: invalid',
      );
      return;
    }
    await this.episodes.upsert(manager, parsed.data);
  }
}
