import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { SourceDocumentKind } from '@app/domain';
import { IsCalendarDay, OptionalText, RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';
import { EvidenceVersionDto } from '../../evidence/dto/evidence.dto';

/** The fields of a source document upload (multipart/form-data), sent before the file part. */
export class SourceDocumentFieldsDto {
  /** DEMAND_LETTER, AGREEMENT or OTHER (other correspondence). */
  @ApiProperty({ enum: SourceDocumentKind, enumName: 'SourceDocumentKind' })
  @IsEnum(SourceDocumentKind, { message: 'kind must be one of DEMAND_LETTER, AGREEMENT, OTHER' })
  kind: SourceDocumentKind;

  /** @example "Demand letter of 16 May 2023" */
  @RequiredText(300)
  title: string;

  @OptionalText(10_000)
  description?: string;

  /** The date the document bears (YYYY-MM-DD), e.g. the letter's date. */
  @IsOptional()
  @IsCalendarDay()
  documentDate?: string;
}

/** A source document: its fields first, then the `file` part. */
export class UploadSourceDocumentDto extends SourceDocumentFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its type is sniffed from the content.' })
  file: unknown;
}

export class SourceDocumentKindQueryDto {
  @IsOptional()
  @ApiProperty({ enum: SourceDocumentKind, enumName: 'SourceDocumentKind', required: false })
  @IsEnum(SourceDocumentKind, { message: 'kind must be one of DEMAND_LETTER, AGREEMENT, OTHER' })
  kind?: SourceDocumentKind;
}

/** A document of the audit itself (the demand letter, the agreement, correspondence). */
export class SourceDocumentDto {
  id: string;
  @ApiProperty({ enum: SourceDocumentKind, enumName: 'SourceDocumentKind' })
  kind: SourceDocumentKind;
  title: string;
  description: string | null;
  /** YYYY-MM-DD */
  documentDate: string | null;
  /** The stored file: name, sniffed type, size, SHA-256 taken at intake, last integrity check. */
  file: EvidenceVersionDto;
  /** GET this to download the bytes. */
  downloadUrl: string;
  createdBy: UserRefDto | null;
  createdAt: Date;
}
