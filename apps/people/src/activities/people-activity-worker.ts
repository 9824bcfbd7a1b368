import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivityWorkerHost } from '@platform/temporal-kit';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { PersonsService } from '../persons/persons.service';
import { UnmaskService } from '../persons/unmask.service';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { createPeopleActivities } from './people.activities';

/** Runs the people activities on task queue `people` (TaskQueues.people), with encrypted payloads. */
@Injectable()
export class PeopleActivityWorker extends ActivityWorkerHost {
  protected readonly taskQueue: string;

  constructor(
    @Inject(PEOPLE_CONFIG) config: PeopleConfig,
    private readonly persons: PersonsService,
    private readonly categories: CategoriesService,
    private readonly records: ServiceRecordsService,
    private readonly unmasking: UnmaskService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super(config);
    this.taskQueue = config.PEOPLE_TASK_QUEUE;
  }

  protected activities() {
    const { persons, categories, records, unmasking, dataSource } = this;
    return { ...createPeopleActivities({ persons, categories, records, unmasking, dataSource }) };
  }
}
