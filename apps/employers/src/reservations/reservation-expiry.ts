import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ReservationsService } from './reservations.service';

/** Sweeps expired holds back into capacity every half minute (any replica may run it: SKIP LOCKED). */
@Injectable()
export class ReservationExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiry.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly reservations: ReservationsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.reservations
        .expireDue()
        .catch((error) => this.logger.error({ err: error }, 'reservation expiry failed'));
    }, 30_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
