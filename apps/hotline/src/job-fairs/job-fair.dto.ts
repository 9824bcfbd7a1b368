import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery, trim } from '@platform/nest-kit';
import { OpenCaseDto } from '../cases/case.dto';
import { FAIR_STATUSES, type FairStatus } from './job-fairs.repository';

const ORG_CODE = /^[0-9]{6}([0-9]{3}){0,2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const asBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A vacancy an employer brings to the fair, as staff picked it from the jobs service's open vacancies. */
export class FairVacancyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vacancyId!: string;

  @ApiProperty({ description: 'The vacancy’s title as the jobs service shows it', example: '保洁员' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  vacancyTitle!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employerId!: string;

  @ApiProperty({ description: 'The employer’s name as the employers service shows it' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  employerName!: string;
}

export class CreateFairDto {
  @ApiProperty({ example: '2027 年就业援助月武侯区专场招聘会' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty({ example: '2027-01-15', description: 'The day it is held (Shanghai)' })
  @Matches(DAY, { message: 'heldOn must be a date (yyyy-mm-dd)' })
  heldOn!: string;

  @ApiProperty({ example: '510107003', description: 'The unit of the org tree that holds it' })
  @Matches(ORG_CODE, { message: 'unitCode must be an org unit code' })
  unitCode!: string;

  @ApiProperty({ example: '玉林街道便民服务中心广场' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  venue!: string;

  @ApiProperty({ description: 'Part of the Assistance Month (就业援助月)' })
  @IsBoolean()
  assistanceMonth!: boolean;

  @ApiPropertyOptional({ type: [FairVacancyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FairVacancyDto)
  vacancies?: FairVacancyDto[];
}

export class UpdateFairDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title?: string;

  @ApiPropertyOptional({ example: '2027-01-15' })
  @IsOptional()
  @Matches(DAY, { message: 'heldOn must be a date (yyyy-mm-dd)' })
  heldOn?: string;

  @ApiPropertyOptional({ example: '510107003' })
  @IsOptional()
  @Matches(ORG_CODE, { message: 'unitCode must be an org unit code' })
  unitCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  venue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  assistanceMonth?: boolean;

  @ApiPropertyOptional({ enum: FAIR_STATUSES })
  @IsOptional()
  @IsIn(FAIR_STATUSES)
  status?: FairStatus;

  @ApiPropertyOptional({ type: [FairVacancyDto], description: 'Replaces the fair’s vacancies' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FairVacancyDto)
  vacancies?: FairVacancyDto[];
}

export class FairListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '510107', description: 'Only fairs of this unit’s subtree' })
  @IsOptional()
  @Matches(ORG_CODE, { message: 'unit must be an org unit code' })
  unit?: string;

  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'true: only fairs of the Assistance Month' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  assistanceMonth?: boolean;

  @ApiPropertyOptional({ enum: FAIR_STATUSES })
  @IsOptional()
  @IsIn(FAIR_STATUSES)
  status?: FairStatus;
}

export class AssistanceMonthQuery {
  @ApiProperty({ example: '510107' })
  @Matches(ORG_CODE, { message: 'unit must be an org unit code' })
  unit!: string;

  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class FairIdParams {
  @IsUUID()
  id!: string;
}

export class RecordVisitorsDto {
  @ApiProperty({ example: 320, description: 'How many people came (counted at the door)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  count!: number;
}

/** A person not yet helped by a case: the intake, as at the hotline (the case's clock starts at the fair). */
export class FairIntakeDto extends OmitType(OpenCaseDto, ['receivedAt'] as const) {}

/**
 * An application on site: for a person with an open case (`caseId`, found by name, phone or ID number through
 * `POST /cases/search`), or the intake of a person who has none (a case is opened). Exactly one of the two.
 */
export class ApplyAtFairDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the client: a retried request takes no second application',
  })
  @IsUUID()
  requestId!: string;

  @ApiProperty({ format: 'uuid', description: 'One of the fair’s vacancies' })
  @IsUUID()
  vacancyId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The person’s open case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ type: FairIntakeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FairIntakeDto)
  intake?: FairIntakeDto;
}
