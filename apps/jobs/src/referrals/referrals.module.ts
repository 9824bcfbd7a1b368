import { Module } from '@nestjs/common';
import { ReferralExpiry } from './referral-expiry';
import { EmployerReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [EmployerReferralsController, ReferralsController],
  providers: [ReferralsRepository, ReferralsService, ReferralExpiry],
  exports: [ReferralsService],
})
export class ReferralsModule {}
