import { Module } from '@nestjs/common';
import { WelfarePoolsController } from './welfare-pools.controller';
import { WelfarePoolsRepository } from './welfare-pools.repository';
import { WelfarePoolsService } from './welfare-pools.service';

@Module({
  controllers: [WelfarePoolsController],
  providers: [WelfarePoolsService, WelfarePoolsRepository],
  exports: [WelfarePoolsService, WelfarePoolsRepository],
})
export class WelfarePoolsModule {}
