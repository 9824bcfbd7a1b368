import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PersonIntakeDto } from '../persons/register-person.dto';
import { CreateServiceRecordDto } from '../service-records/service-record.dto';

/** Activity inputs, checked like HTTP bodies (`validated`): bad data fails once, it is never retried. */
export class ActivityActorInput {
  @IsString() @Length(1, 100) userId!: string;
  @IsString() @Length(1, 100) username!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(['operator', 'supervisor', 'admin'], { each: true })
  roles!: Array<'operator' | 'supervisor' | 'admin'>;

  @Matches(/^\d{6}(\/\d{6,12})*$/)
  orgPath!: string;
}

abstract class ActedInput {
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityActorInput)
  actor!: ActivityActorInput;
}

export class RegisterOrFindInput extends ActedInput {
  @IsString() @Length(1, 200) correlationId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PersonIntakeDto)
  person!: PersonIntakeDto;
}

export class RegisterForCaseInput extends RegisterOrFindInput {
  /** Becomes part of the registration record's requestId (`<caseId>:registration`). */
  @Matches(/^[A-Za-z0-9_.:-]{1,180}$/)
  caseId!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;
}

export class EvaluateCategoriesInput {
  @IsUUID() personId!: string;
  @IsString() @Length(1, 200) correlationId!: string;
}

export class RecordServiceInput extends CreateServiceRecordDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ActivityActorInput)
  actor!: ActivityActorInput;

  @IsUUID() personId!: string;
}

export class ContactForCallbackInput extends ActedInput {
  @IsUUID() personId!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(4, 500)
  reason!: string;
}
