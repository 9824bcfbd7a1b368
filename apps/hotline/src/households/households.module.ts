import { Module } from '@nestjs/common';
import { HouseholdPolicyModule } from '../household-policy/household-policy.module';
import { HouseholdCaseConsumer, HouseholdStatusConsumer } from './household-consumers';
import { HouseholdWorkflows } from './household-workflows';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

/**
 * Zero-employment household episodes: started and signalled from people's household events and the hotline's
 * own case events, worked by staff through their `householdAssistance` workflows (the Temporal client and the
 * config come from the global cases module).
 */
@Module({
  imports: [HouseholdPolicyModule],
  controllers: [HouseholdsController],
  providers: [
    HouseholdsRepository,
    HouseholdWorkflows,
    HouseholdsService,
    HouseholdStatusConsumer,
    HouseholdCaseConsumer,
  ],
  exports: [HouseholdStatusConsumer, HouseholdCaseConsumer, HouseholdsService],
})
export class HouseholdsModule {}
