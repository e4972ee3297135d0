import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RedactionReason } from '@app/db';
import { UserRefDto } from '../../common/user-ref.dto';
import { OptionalText } from '../../common/dto-decorators';

/** One page of a PDF evidence version, in points as displayed (its rotation applied). */
export class PdfPageDto {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
}

export class PdfPagesDto {
  pageCount: number;
  pages: PdfPageDto[];
}

export class PageImageQueryDto {
  /** The image's width in pixels (200-2000); its height follows the page's proportions. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(200)
  @Max(2000)
  width?: number;
}

/** A box over a page: fractions 0-1 of the page as displayed, origin top left. */
export class RedactionDto {
  id: string;
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  @ApiProperty({ enum: RedactionReason, enumName: 'RedactionReason' })
  reason: RedactionReason;
  note: string | null;
  createdAt: Date;
  createdBy: UserRefDto | null;
}

export class RedactionListDto {
  /** By page, then from the top, then from the left. */
  items: RedactionDto[];
}

export class CreateRedactionDto {
  /** 1-based page number. */
  @IsInt()
  page: number;

  /** Left edge, a fraction of the page's width (0-1). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  x: number;

  /** Top edge, a fraction of the page's height (0-1). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  y: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  width: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  height: number;

  @ApiProperty({ enum: RedactionReason, enumName: 'RedactionReason' })
  @IsEnum(RedactionReason)
  reason: RedactionReason;

  /** Why, in counsel's words (kept inside the firm; never produced). */
  @OptionalText(500)
  note?: string | null;
}

/** Any of the box's sides, its reason or its note; the page stays. */
export class UpdateRedactionDto {
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  x?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  y?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  width?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  height?: number;

  @ApiProperty({ enum: RedactionReason, enumName: 'RedactionReason', required: false })
  @IsOptional()
  @IsEnum(RedactionReason)
  reason?: RedactionReason;

  @OptionalText(500)
  note?: string | null;
}
