import { Module } from '@nestjs/common';
import { OrgTreeModule } from '../org-tree/org-tree.module';
import { JobFairApplicationSweeper, JobFairCaseConsumer } from './job-fair-case-consumer';
import { JobFairsController } from './job-fairs.controller';
import { JobFairsRepository } from './job-fairs.repository';
import { JobFairsService } from './job-fairs.service';

/**
 * Roving job fairs and the Assistance Month, in the hotline: fairs are held by units of its org tree, and an
 * application on site becomes a referral through the person's case, which the hotline opens and works (the
 * case services, the workflow client and the config come from the global cases module).
 */
@Module({
  imports: [OrgTreeModule],
  controllers: [JobFairsController],
  providers: [JobFairsRepository, JobFairsService, JobFairApplicationSweeper, JobFairCaseConsumer],
  exports: [JobFairCaseConsumer],
})
export class JobFairsModule {}
