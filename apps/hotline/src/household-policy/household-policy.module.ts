import { Module } from '@nestjs/common';
import { HouseholdPolicyController } from './household-policy.controller';
import { HouseholdPolicyRepository } from './household-policy.repository';
import { HouseholdPolicyService } from './household-policy.service';

@Module({
  controllers: [HouseholdPolicyController],
  providers: [HouseholdPolicyRepository, HouseholdPolicyService],
  exports: [HouseholdPolicyService],
})
export class HouseholdPolicyModule {}
