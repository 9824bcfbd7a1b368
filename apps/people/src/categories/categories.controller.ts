import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { Roles } from '@platform/auth';
import { fieldError, invalid } from '../problems';
import { ruleSchema } from './category-rule';
import { CategoriesService, CategoryDefinition } from './categories.service';

export class CategoryCodeParams {
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  code!: string;
}

/** Names are checked after trimming. */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PutCategoryDto {
  @Transform(trim) @IsString() @Length(1, 100) nameZh!: string;
  @Transform(trim) @IsString() @Length(1, 200) nameEn!: string;

  @ApiProperty({
    description: 'Typed predicate over person facts: {all|any:[...]}, {not}, {fact, eq|ne|gte|gt|lte|lt|in}',
  })
  @IsObject()
  rule!: Record<string, unknown>;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @IsInt() @Min(0) @Max(10_000) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(0, 500) note?: string;
}

/**
 * Categories are data: admins add or change them here, no code change. A person picks a change up at their
 * next evaluation (any change to them or their household, a service referral, or POST .../categories/evaluate).
 */
@ApiTags('assistance-categories')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('assistance-categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  list(): Promise<CategoryDefinition[]> {
    return this.categories.list();
  }

  @Put(':code')
  @Roles('admin')
  put(@Param() { code }: CategoryCodeParams, @Body() body: PutCategoryDto): Promise<CategoryDefinition> {
    const rule = ruleSchema.safeParse(body.rule);
    if (!rule.success) {
      throw invalid(
        rule.error.issues.map((issue) =>
          fieldError(
            ['rule', ...issue.path].join('.'),
            'categoryRule',
            `规则无效（${issue.message}）`,
            issue.message,
          ),
        ),
      );
    }
    return this.categories.upsert({
      code,
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      rule: rule.data,
      active: body.active ?? true,
      sortOrder: body.sortOrder ?? 100,
      note: body.note ?? null,
    });
  }
}
