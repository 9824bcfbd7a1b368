/** Pagination every list endpoint shares: at most MAX_PAGE_SIZE items per page, offsets up to MAX_OFFSET. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Deeper pages cost a scan of every row before them (and 1e300 is an "integer"): narrow the filter instead. */
export const MAX_OFFSET = 10_000;

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export class IdParams {
  @IsUUID()
  id!: string;
}

export interface Page<T> {
  items: T[];
  /** null where counting would cost more than the answer (keyword searches). */
  total: number | null;
  limit: number;
  offset: number;
}
