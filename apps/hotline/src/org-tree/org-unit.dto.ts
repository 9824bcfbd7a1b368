import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { OrgUnit } from './org-unit.entity';

/** City and district codes have 6 digits, streets 9, communities 12. */
export const ORG_CODE_PATTERN = /^[0-9]{6}([0-9]{3}){0,2}$/;

export class OrgCodeParams {
  @ApiProperty({ example: '510107' })
  @Matches(ORG_CODE_PATTERN, { message: 'code must be a 6, 9 or 12 digit org unit code' })
  code!: string;
}

export class ListOrgUnitsQuery {
  @ApiPropertyOptional({ description: 'Code of the parent unit; omitted → the city', example: '510100' })
  @IsOptional()
  @Matches(ORG_CODE_PATTERN, { message: 'parent must be a 6, 9 or 12 digit org unit code' })
  parent?: string;
}

export interface OrgUnitView {
  code: string;
  parentCode: string | null;
  level: string;
  nameZh: string;
  nameEn: string | null;
  path: string;
}

export const toOrgUnitView = (unit: OrgUnit): OrgUnitView => ({
  code: unit.code,
  parentCode: unit.parentCode,
  level: unit.level,
  nameZh: unit.nameZh,
  nameEn: unit.nameEn,
  path: unit.path,
});
