import { Module } from '@nestjs/common';
import { EmployerVacanciesController, VacanciesController } from './vacancies.controller';
import { VacanciesRepository } from './vacancies.repository';
import { VacanciesService } from './vacancies.service';

@Module({
  controllers: [EmployerVacanciesController, VacanciesController],
  providers: [VacanciesRepository, VacanciesService],
  exports: [VacanciesService],
})
export class VacanciesModule {}
