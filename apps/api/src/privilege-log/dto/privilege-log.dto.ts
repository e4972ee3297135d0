import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { PrivilegeTreatment, PrivilegeType } from '@app/db';
import { IsCalendarDay, Optional, OptionalText, RequiredText } from '../../common/dto-decorators';

const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '')
    : value;

/**
 * One entry of the privilege log (FRCP 26(b)(5)(A)): a document withheld or redacted, or a
 * categorical entry for a class of documents (count and date range, no single document).
 */
export class PrivilegeLogEntryInputDto {
  /** The evidence version logged; leave out (or null) for a categorical entry. */
  @IsOptional()
  @IsUUID('all')
  evidenceVersionId?: string | null;

  /** A categorical entry: one line for a class of documents (give documentCount and the date range). */
  @Optional()
  @IsBoolean()
  categorical?: boolean;

  /** The document's date, YYYY-MM-DD. */
  @IsOptional()
  @IsCalendarDay()
  documentDate?: string | null;

  /** E.g. "Email", "Memorandum". */
  @RequiredText(100)
  documentType: string;

  @OptionalText(200)
  author?: string | null;

  @Optional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  recipientsTo?: string[];

  @Optional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  recipientsCc?: string[];

  /** What the document is, without revealing what is privileged. */
  @RequiredText(2000)
  description: string;

  @ApiProperty({ enum: PrivilegeType, enumName: 'PrivilegeType' })
  @IsEnum(PrivilegeType)
  privilege: PrivilegeType;

  /** The privilege asserted, when privilege is OTHER. */
  @OptionalText(200)
  privilegeOther?: string | null;

  @ApiProperty({ enum: PrivilegeTreatment, enumName: 'PrivilegeTreatment' })
  @IsIn(Object.values(PrivilegeTreatment))
  treatment: PrivilegeTreatment;

  /** Redacted documents: the Bates range they were produced under. */
  @OptionalText(40)
  batesBegin?: string | null;

  @OptionalText(40)
  batesEnd?: string | null;

  /** The requests the document responds to. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  requestIds?: string[];

  /** Categorical entries: how many documents. */
  @IsOptional()
  @IsInt()
  @Min(1)
  documentCount?: number | null;

  /** Categorical entries: the earliest and latest document dates, YYYY-MM-DD. */
  @IsOptional()
  @IsCalendarDay()
  dateFrom?: string | null;

  @IsOptional()
  @IsCalendarDay()
  dateTo?: string | null;
}

export class PrivilegeLogRequestRefDto {
  id: string;
  ordinal: number;
  title: string;
}

export class PrivilegeLogDocumentRefDto {
  evidenceVersionId: string;
  evidenceId: string;
  title: string;
  versionNumber: number;
  fileName: string;
}

export class PrivilegeLogEntryDto {
  id: string;
  /** The entry's number on the log (1, 2, ...). */
  number: number;
  document: PrivilegeLogDocumentRefDto | null;
  categorical: boolean;
  documentDate: string | null;
  documentType: string;
  author: string | null;
  recipientsTo: string[];
  recipientsCc: string[];
  description: string;
  @ApiProperty({ enum: PrivilegeType, enumName: 'PrivilegeType' })
  privilege: PrivilegeType;
  privilegeOther: string | null;
  @ApiProperty({ enum: PrivilegeTreatment, enumName: 'PrivilegeTreatment' })
  treatment: PrivilegeTreatment;
  batesBegin: string | null;
  batesEnd: string | null;
  requests: PrivilegeLogRequestRefDto[];
  documentCount: number | null;
  dateFrom: string | null;
  dateTo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class PrivilegeLogDto {
  items: PrivilegeLogEntryDto[];
}
