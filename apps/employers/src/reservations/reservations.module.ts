import { Module } from '@nestjs/common';
import { AssistanceBasesModule } from '../assistance-bases/assistance-bases.module';
import { WelfarePoolsModule } from '../welfare-pools/welfare-pools.module';
import { ReservationExpiry } from './reservation-expiry';
import { ReservationsController } from './reservations.controller';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [AssistanceBasesModule, WelfarePoolsModule],
  controllers: [ReservationsController],
  providers: [ReservationsService, ReservationsRepository, ReservationExpiry],
  exports: [ReservationsService],
})
export class ReservationsModule {}
