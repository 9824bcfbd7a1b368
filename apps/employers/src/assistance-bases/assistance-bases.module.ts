import { Module } from '@nestjs/common';
import { AssistanceBasesController } from './assistance-bases.controller';
import { AssistanceBasesRepository } from './assistance-bases.repository';
import { AssistanceBasesService } from './assistance-bases.service';

@Module({
  controllers: [AssistanceBasesController],
  providers: [AssistanceBasesService, AssistanceBasesRepository],
  exports: [AssistanceBasesService, AssistanceBasesRepository],
})
export class AssistanceBasesModule {}
