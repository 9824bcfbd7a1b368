import { Module } from '@nestjs/common';
import { PersonalPlansController } from './personal-plans.controller';
import { PersonalPlansService } from './personal-plans.service';

/**
 * Personal plans (一人一策), in the hotline beside the cases they are agreed on. The repository and the agenda
 * part are provided by the (global) cases module, whose agenda lists the plan items due.
 */
@Module({
  controllers: [PersonalPlansController],
  providers: [PersonalPlansService],
})
export class PersonalPlansModule {}
