import { Module } from '@nestjs/common';
import { ReferralExpiry } from './referral-expiry';
import { EmployerReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [EmployerReferralsController, ReferralsController],
  providers: [ReferralsService, ReferralExpiry],
  exports: [ReferralsService],
})
export class ReferralsModule {}
