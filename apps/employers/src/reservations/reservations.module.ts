import { Module } from '@nestjs/common';
import { ReservationExpiry } from './reservation-expiry';
import {
  AssistanceBasesController,
  ReservationsController,
  WelfarePoolsController,
} from './reservations.controller';
import { ReservationsService } from './reservations.service';

@Module({
  controllers: [AssistanceBasesController, WelfarePoolsController, ReservationsController],
  providers: [ReservationsService, ReservationExpiry],
  exports: [ReservationsService],
})
export class ReservationsModule {}
