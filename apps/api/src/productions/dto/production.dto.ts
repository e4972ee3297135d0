import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IntegrityResult, ProductionStatus } from '@app/db';
import { BATES_PREFIX_PATTERN, DESIGNATION_PATTERN, MAX_BATES_WIDTH, MIN_BATES_WIDTH } from '@app/domain';
import { ApiNullableEnum, IsCalendarDay, Optional, RequiredText, Trim } from '../../common/dto-decorators';
import { PageMetaDto } from '../../common/pagination.dto';
import { UserRefDto } from '../../common/user-ref.dto';

const DESIGNATION_MESSAGE =
  'must be 1 to 80 printable Latin characters (it is stamped on every page in a standard PDF font)';

/** The confidentiality designations the audit's volumes may stamp, in the order offered. */
export class DesignationsDto {
  @IsArray()
  @ArrayMaxSize(20)
  @Trim()
  @IsString({ each: true })
  @Matches(DESIGNATION_PATTERN, { each: true, message: `each of labels ${DESIGNATION_MESSAGE}` })
  labels: string[];
}

export class CreateProductionDto {
  /** The volume's name, e.g. MSFT-TWTR-VOL001 (unique in the audit). */
  @RequiredText(60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
    message: 'name may hold letters, digits, dots, hyphens and underscores only (it names files in the volume)',
  })
  name: string;

  /** Printed before every number, e.g. MSFT-TWTR- (capitals, digits, - and _). */
  @Trim()
  @IsString()
  @Matches(BATES_PREFIX_PATTERN, {
    message:
      'batesPrefix must be 1 to 30 capital letters, digits, hyphens or underscores, starting with a letter or digit',
  })
  batesPrefix: string;

  /** The first number when the prefix has none yet in this audit (later volumes continue after the last). Default 1. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  startNumber?: number;

  /** Digits after the prefix, zero-padded (default 6: MSFT-TWTR-000001). */
  @Optional()
  @IsInt()
  @Min(MIN_BATES_WIDTH)
  @Max(MAX_BATES_WIDTH)
  padWidth?: number;

  /** Who receives the volume (the demanding party's counsel). */
  @RequiredText(300)
  recipient: string;

  /** YYYY-MM-DD. */
  @IsCalendarDay()
  productionDate: string;

  /** E.g. "Secure file transfer", "Encrypted USB drive by courier". */
  @RequiredText(200)
  deliveryMethod: string;
}

/** Fields left out stay as they are. Only a draft (or a failed volume) can be edited. */
export class UpdateProductionDto {
  @Optional()
  @RequiredText(60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
    message: 'name may hold letters, digits, dots, hyphens and underscores only (it names files in the volume)',
  })
  name?: string;

  @Optional()
  @Trim()
  @IsString()
  @Matches(BATES_PREFIX_PATTERN, {
    message:
      'batesPrefix must be 1 to 30 capital letters, digits, hyphens or underscores, starting with a letter or digit',
  })
  batesPrefix?: string;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  startNumber?: number;

  @Optional()
  @IsInt()
  @Min(MIN_BATES_WIDTH)
  @Max(MAX_BATES_WIDTH)
  padWidth?: number;

  @Optional()
  @RequiredText(300)
  recipient?: string;

  @Optional()
  @IsCalendarDay()
  productionDate?: string;

  @Optional()
  @RequiredText(200)
  deliveryMethod?: string;
}

export class AddProductionDocumentDto {
  /** An evidence version approved for release (see GET .../releasable-evidence). */
  @IsUUID('all')
  evidenceVersionId: string;

  /** One of the audit's designations (GET .../production-designations). */
  @Trim()
  @IsString()
  @Matches(DESIGNATION_PATTERN, { message: `designation ${DESIGNATION_MESSAGE}` })
  designation: string;
}

/** An evidence version that may be produced: a live file supporting an approved response. */
export class ReleasableVersionDto {
  evidenceVersionId: string;
  evidenceId: string;
  title: string;
  versionNumber: number;
  /** Whether it is the evidence's newest version. */
  current: boolean;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  custodian: string | null;
  /** Volumes it is already in. */
  productions: string[];
}

export class ReleasableVersionListDto {
  items: ReleasableVersionDto[];
}

export class ProductionDocumentDto {
  id: string;
  evidenceVersionId: string;
  evidenceId: string;
  title: string;
  versionNumber: number;
  fileName: string;
  mediaType: string;
  designation: string;
  /** Set once produced. */
  begBates: string | null;
  endBates: string | null;
  pageCount: number | null;
  /** SHA-256 of the file as uploaded. */
  originalSha256: string;
  /** SHA-256 of the produced file (stamped PDF, or the native), once produced. */
  producedSha256: string | null;
  /** Redaction boxes burnt into the produced copy; before producing, the boxes it would burn in now. */
  redactionCount: number;
  /** Some of those boxes are for privilege. */
  privilegeRedacted: boolean;
  /** Privilege boxes, and no REDACTED entry for this document in the privilege log. */
  privilegeLogMissing: boolean;
}

export class ProductionDto {
  id: string;
  name: string;
  batesPrefix: string;
  startNumber: number;
  padWidth: number;
  recipient: string;
  /** YYYY-MM-DD. */
  productionDate: string;
  deliveryMethod: string;
  @ApiProperty({ enum: ProductionStatus, enumName: 'ProductionStatus' })
  status: ProductionStatus;
  /** 0-100 while producing. */
  progress: number;
  /** Why the last run failed. */
  error: string | null;
  documentCount: number;
  firstBates: string | null;
  lastBates: string | null;
  /** The last Bates number as a number, once produced (the next volume under the prefix continues after it). */
  lastNumber: number | null;
  pageCount: number | null;
  zipSha256: string | null;
  zipSizeBytes: number | null;
  producedAt: Date | null;
  producedBy: UserRefDto | null;
  lastVerifiedAt: Date | null;
  @ApiNullableEnum(IntegrityResult)
  lastVerification: IntegrityResult | null;
  /** The ZIP, once produced. */
  downloadUrl: string | null;
  /** Who created the draft (null when that account is gone). */
  createdBy: UserRefDto | null;
  createdAt: Date;
}

export class ProductionDetailDto extends ProductionDto {
  documents: ProductionDocumentDto[];
}

export class ProductionListDto {
  items: ProductionDto[];
}

/** A page of a volume's documents, in Bates order (the order they were added to the volume). */
export class ProductionDocumentPageDto extends PageMetaDto {
  items: ProductionDocumentDto[];
}

export class VerificationDifferenceDto {
  /** The file's path in the volume (the ZIP itself is "(volume ZIP)"). */
  path: string;
  @ApiProperty({ enum: IntegrityResult, enumName: 'IntegrityResult' })
  result: IntegrityResult;
  expectedSha256: string;
  /** Null when the stored file is missing. */
  actualSha256: string | null;
}

export class ProductionVerificationDto {
  @ApiProperty({ enum: IntegrityResult, enumName: 'IntegrityResult' })
  result: IntegrityResult;
  checkedAt: Date;
  /** The ZIP and every produced file. */
  filesChecked: number;
  differences: VerificationDifferenceDto[];
}
