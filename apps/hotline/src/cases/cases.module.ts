import { DynamicModule, Module } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import {
  encryptedDataConverter,
  temporalConnectionOptions,
  tracingClientInterceptors,
} from '@platform/temporal-kit';
import { CalendarModule } from '../calendar/calendar.module';
import { CasePolicyModule } from '../case-policy/case-policy.module';
import { HotlineConfig } from '../config';
import { OrgTreeModule } from '../org-tree/org-tree.module';
import { CalendarSignalsRepository } from './calendar-signals.repository';
import { CaseSignalConsumers } from './case-signal-consumers';
import { CaseStartSweeper } from './case-start-sweeper';
import { CaseListService } from './case-list.service';
import { CASE_WORKFLOW_CLIENT, CASES_CONFIG, CaseWorkflows } from './case-workflows';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { PersonRegistrations } from './person-registration';
import { CaseLocationController } from './location/case-location.controller';
import { CaseLocationRepository } from './location/case-location.repository';
import { CaseLocationService } from './location/case-location.service';
import { PersonalPlansRepository } from '../personal-plans/personal-plans.repository';
import { PlanAgenda } from '../personal-plans/plan-agenda';

/**
 * The operator side of help requests: opening cases, reading them and acting on them through their
 * `helpRequest` workflows. Global so other hotline features (the board) can inject the workflow client.
 */
@Module({})
export class CasesModule {
  static forRoot(config: HotlineConfig): DynamicModule {
    return {
      module: CasesModule,
      global: true,
      imports: [OrgTreeModule, CalendarModule, CasePolicyModule],
      controllers: [CasesController, CaseLocationController],
      providers: [
        { provide: CASES_CONFIG, useValue: config },
        {
          provide: CASE_WORKFLOW_CLIENT,
          // Every client encrypts payloads: the workflow input carries the intake's personal data.
          useFactory: async () =>
            new Client({
              connection: await Connection.connect(temporalConnectionOptions(config)),
              namespace: config.TEMPORAL_NAMESPACE,
              dataConverter: encryptedDataConverter(config),
              // Starts and signals carry the caller's trace to the workflow (none when tracing is off).
              interceptors: tracingClientInterceptors(),
            }),
        },
        CaseWorkflows,
        CasesRepository,
        CasesService,
        PersonRegistrations,
        CaseListService,
        CaseStartSweeper,
        CaseSignalConsumers,
        CalendarSignalsRepository,
        CaseLocationRepository,
        CaseLocationService,
        // Personal plans' SQL and their part of the agenda (GET /cases/agenda lists the plan items due).
        PersonalPlansRepository,
        PlanAgenda,
      ],
      exports: [
        CaseWorkflows,
        CasesService,
        CaseListService,
        CASE_WORKFLOW_CLIENT,
        CASES_CONFIG,
        PersonalPlansRepository,
      ],
    };
  }
}
