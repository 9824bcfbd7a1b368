import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ReferralsService } from './referrals.service';

/** Expires unanswered referrals every half minute (any replica may run it: SKIP LOCKED). */
@Injectable()
export class ReferralExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferralExpiry.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly referrals: ReferralsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.referrals
        .expireDue()
        .catch((error) => this.logger.error({ err: error }, 'referral expiry failed'));
    }, 30_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
