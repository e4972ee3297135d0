import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ReportStatus } from '@app/db';
import { PageMetaDto } from '../../common/pagination.dto';
import { UserRefDto } from '../../common/user-ref.dto';

const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (Array.isArray(value) ? (value as unknown[]) : String(value as string).split(',')).map((v) =>
        typeof v === 'string' ? v.trim() : v,
      );
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** What a report covers. */
export class ReportOptionsDto {
  /** Only these subjects (comma-separated or repeated in a query); all subjects when left out. */
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  subjectIds?: string[];

  /**
   * Print answers that are not approved yet (default true). A report that prints any such
   * answer is a draft: watermarked DRAFT on every page. False withholds them.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeUnapproved?: boolean;
}

export class ReportOptionsViewDto {
  /** Null: all subjects. */
  subjectIds: string[] | null;
  includeUnapproved: boolean;
}

export class ReportDto {
  id: string;
  @ApiProperty({ enum: ReportStatus, enumName: 'ReportStatus' })
  status: ReportStatus;
  /** 0-100 while rendering; 100 when done. */
  progress: number;
  options: ReportOptionsViewDto;
  requestedBy: UserRefDto | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Hex SHA-256 of the PDF, once done. */
  sha256: string | null;
  sizeBytes: number | null;
  pageCount: number | null;
  /**
   * True when the PDF prints an answer not yet approved (DRAFT watermark, file name ending
   * -DRAFT.pdf); null until rendered.
   */
  draft: boolean | null;
  /** Why rendering failed. */
  error: string | null;
  /** Where to download the PDF, once done. */
  downloadUrl: string | null;
}

export class ReportPageDto extends PageMetaDto {
  items: ReportDto[];
}
