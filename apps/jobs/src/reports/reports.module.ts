import { Module } from '@nestjs/common';
import { DeclineReportService } from './decline-report.service';
import { ReportsController } from './reports.controller';

@Module({
  controllers: [ReportsController],
  providers: [DeclineReportService],
})
export class ReportsModule {}
