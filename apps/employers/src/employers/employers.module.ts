import { Module } from '@nestjs/common';
import { EmployerProfileController, EmployersController } from './employers.controller';
import { EmployersService } from './employers.service';

@Module({
  controllers: [EmployersController, EmployerProfileController],
  providers: [EmployersService],
  exports: [EmployersService],
})
export class EmployersModule {}
