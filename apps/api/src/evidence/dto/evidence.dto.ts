import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ConfidentialityLevel, EvidenceKind, IntegrityResult } from '@app/domain';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import {
  ApiNullableEnum,
  IsCalendarDay,
  Optional,
  OptionalText,
  RequiredText,
  Trim,
} from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

/** A single value where a list is expected (one multipart field, one query value) is a list of one. */
const AsList = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value));

/** Trims each tag and drops empty ones and repeats. */
const Tags = () =>
  Transform(({ value }: { value: unknown }) => {
    const list: unknown = typeof value === 'string' ? [value] : value;
    return Array.isArray(list)
      ? [...new Set((list as unknown[]).map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => t !== ''))]
      : list;
  });

/** The descriptive fields every kind of evidence has. */
export class EvidenceFieldsDto {
  @RequiredText(300)
  title: string;

  @OptionalText(10_000)
  description?: string | null;

  /** The person who holds the evidence. */
  @OptionalText(200)
  custodian?: string | null;

  /** The system of record it comes from (e.g. "Jira", "SAP"). */
  @OptionalText(200)
  sourceSystem?: string | null;

  /** When the evidence was collected or created (YYYY-MM-DD), not when it was uploaded. */
  @IsOptional()
  @IsCalendarDay()
  collectedOn?: string | null;

  // Optional() and not IsOptional(): both columns have a default and no null, so null is refused.
  @ApiProperty({ enum: ConfidentialityLevel, enumName: 'ConfidentialityLevel', required: false })
  @Optional()
  @IsEnum(ConfidentialityLevel)
  confidentiality?: ConfidentialityLevel;

  @Optional()
  @Tags()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];
}

/** Creation of any kind may link the evidence to responses of the audit at once. */
class LinkOnCreateDto extends EvidenceFieldsDto {
  /** Responses of this audit the evidence supports. */
  @IsOptional()
  @AsList()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  responseIds?: string[];
}

/** A LINK (a URL to a system of record) or a NOTE (a written statement). Files are uploaded with multipart. */
export class CreateEvidenceDto extends LinkOnCreateDto {
  @ApiProperty({ enum: [EvidenceKind.LINK, EvidenceKind.NOTE] })
  @IsIn([EvidenceKind.LINK, EvidenceKind.NOTE], {
    message: 'kind must be LINK or NOTE (upload a FILE as multipart/form-data to /evidence/files)',
  })
  kind: 'LINK' | 'NOTE';

  /** LINK: the http(s) URL of the record. */
  @ValidateIf((dto: CreateEvidenceDto) => dto.kind === EvidenceKind.LINK || dto.url !== undefined)
  @Trim()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url?: string;

  /** NOTE: the written statement. */
  @ValidateIf((dto: CreateEvidenceDto) => dto.kind === EvidenceKind.NOTE || dto.body !== undefined)
  @RequiredText(100_000)
  body?: string;
}

/** The metadata fields of a file upload (multipart/form-data), sent before the file part. */
export class FileEvidenceFieldsDto extends LinkOnCreateDto {}

/** A FILE evidence record: metadata fields first, then the `file` part. */
export class UploadEvidenceFileDto extends FileEvidenceFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its type is sniffed from the content.' })
  file: unknown;
}

/** A new version of a FILE evidence record. */
export class UploadEvidenceVersionDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its type is sniffed from the content.' })
  file: unknown;
}

export class UpdateEvidenceDto {
  @Optional()
  @RequiredText(300)
  title?: string;

  @OptionalText(10_000)
  description?: string | null;

  @OptionalText(200)
  custodian?: string | null;

  @OptionalText(200)
  sourceSystem?: string | null;

  @IsOptional()
  @IsCalendarDay()
  collectedOn?: string | null;

  @ApiProperty({ enum: ConfidentialityLevel, enumName: 'ConfidentialityLevel', required: false })
  @Optional()
  @IsEnum(ConfidentialityLevel)
  confidentiality?: ConfidentialityLevel;

  @Optional()
  @Tags()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  /** LINK only. */
  @Optional()
  @Trim()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url?: string;

  /** NOTE only. */
  @Optional()
  @RequiredText(100_000)
  body?: string;
}

export class EvidenceQueryDto extends PageQueryDto {
  @ApiProperty({ enum: EvidenceKind, enumName: 'EvidenceKind', required: false })
  @IsOptional()
  @IsEnum(EvidenceKind)
  kind?: EvidenceKind;

  /** Only evidence linked to this response. */
  @IsOptional()
  @IsUUID()
  responseId?: string;

  /** Only evidence carrying this tag. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  /** Words in the title or description (case-insensitive). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class LinkResponseDto {
  @IsUUID()
  responseId: string;
}

export class EvidenceVersionDto {
  id: string;
  number: number;
  /** The uploader's file name, sanitised: for display only. */
  fileName: string;
  /** Sniffed from the content at upload. */
  mediaType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes as received. */
  sha256: string;
  uploadedBy: UserRefDto | null;
  uploadedAt: Date;
  lastVerifiedAt: Date | null;
  @ApiNullableEnum(IntegrityResult)
  lastVerification: IntegrityResult | null;
  /** True when the last check found the stored bytes changed or missing. */
  integrityAlert: boolean;
}

export class EvidenceDto {
  id: string;
  @ApiProperty({ enum: EvidenceKind, enumName: 'EvidenceKind' })
  kind: EvidenceKind;
  title: string;
  description: string | null;
  custodian: string | null;
  sourceSystem: string | null;
  /** YYYY-MM-DD */
  collectedOn: string | null;
  url: string | null;
  body: string | null;
  @ApiProperty({ enum: ConfidentialityLevel, enumName: 'ConfidentialityLevel' })
  confidentiality: ConfidentialityLevel;
  tags: string[];
  createdBy: UserRefDto | null;
  createdAt: Date;
  updatedAt: Date;
  /** FILE: the latest version; null for LINK and NOTE. */
  currentVersion: EvidenceVersionDto | null;
  versionCount: number;
  /** True when any version's last integrity check found a mismatch or a missing file. */
  integrityAlert: boolean;
  /** The responses this evidence supports. */
  responseIds: string[];
}

export class EvidencePageDto extends PageMetaDto {
  items: EvidenceDto[];
}

export class VerificationDto {
  versionId: string;
  @ApiProperty({ enum: IntegrityResult, enumName: 'IntegrityResult' })
  result: IntegrityResult;
  /** The SHA-256 recorded at intake. */
  expectedSha256: string;
  /** The SHA-256 of the bytes stored now; null when they are missing. */
  actualSha256: string | null;
  verifiedAt: Date;
}

export class IntegrityCheckQueuedDto {
  /** The queued job (one pending check per audit: asking again returns the same job). */
  jobId: string;
  auditId: string;
}
