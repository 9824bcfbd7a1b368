import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarCoverageMonitor } from './calendar-coverage';
import { CalendarChangeRow, CalendarYearRow } from './calendar-year.entity';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarYearRow, CalendarChangeRow])],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarCoverageMonitor],
  exports: [CalendarService],
})
export class CalendarModule {}
