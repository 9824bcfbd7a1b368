import { Module } from '@nestjs/common';
import { EmployerProfileController, EmployersController } from './employers.controller';
import { EmployersRepository } from './employers.repository';
import { EmployersService } from './employers.service';

@Module({
  controllers: [EmployersController, EmployerProfileController],
  providers: [EmployersService, EmployersRepository],
  exports: [EmployersService],
})
export class EmployersModule {}
