import { DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { HouseholdsModule } from '../households/households.module';
import { BOARD_CONFIG, BoardConfig } from './board-config';
import { BoardNotifications } from './board-notifications';
import { BoardController } from './board.controller';
import { BoardRepository } from './board.repository';
import { BoardService } from './board.service';
import { CaseBoardProjector } from './case-board-projector';
import { CaseMetrics } from './case-metrics';
import { CaseMetricsRepository } from './case-metrics.repository';
import { StreamTokenGuard } from './stream-token.guard';

/** The SLA board read model (from `hotline.case.v1`), its live stream, the KPIs and the monthly report (with the households' figures). */
@Module({})
export class BoardModule {
  static forRoot(config: BoardConfig): DynamicModule {
    return {
      module: BoardModule,
      imports: [CalendarModule, HouseholdsModule],
      controllers: [BoardController],
      providers: [
        { provide: BOARD_CONFIG, useValue: config },
        BoardRepository,
        BoardService,
        BoardNotifications,
        CaseBoardProjector,
        StreamTokenGuard,
        CaseMetricsRepository,
        CaseMetrics,
      ],
      exports: [CaseBoardProjector],
    };
  }
}
