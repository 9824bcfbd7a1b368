/** Pagination every list endpoint shares: at most MAX_PAGE_SIZE items per page. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class PageQuery {
  @ApiPropertyOptional({ default: 20, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
