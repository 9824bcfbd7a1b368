import { Module } from '@nestjs/common';
import { CasePolicyController } from './case-policy.controller';
import { CasePolicyService } from './case-policy.service';

@Module({
  controllers: [CasePolicyController],
  providers: [CasePolicyService],
  exports: [CasePolicyService],
})
export class CasePolicyModule {}
