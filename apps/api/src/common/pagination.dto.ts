import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 500;
const MAX_PAGE = 1_000_000;

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(MAX_PAGE)
  @IsInt()
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @IsInt()
  pageSize: number = 50;
}

/** Fields every page of results carries (each list DTO adds its typed `items`). */
export class PageMetaDto {
  page: number;
  pageSize: number;
  /** Number of items over all pages. */
  total: number;
}

export const skipTake = (query: PageQueryDto) => ({
  skip: (query.page - 1) * query.pageSize,
  take: query.pageSize,
});

export const pageMeta = (query: PageQueryDto, total: number): PageMetaDto => ({
  page: query.page,
  pageSize: query.pageSize,
  total,
});
