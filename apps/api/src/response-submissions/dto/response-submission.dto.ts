import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CertificationMethod, IntegrityResult } from '@app/db';
import { Disposition, ResponseStatus } from '@app/domain';
import { ApiNullableEnum, OptionalText, RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class SubmitResponseDto {
  /** A note kept with the version (e.g. "Supplement after the call of 12 June"); printed in the manifest. */
  @OptionalText(2000)
  note?: string | null;
}

export class PackageFileDto {
  /** The entry's path in the ZIP. */
  path: string;
  sizeBytes: number;
  sha256: string;
}

export class DispositionChangeDto {
  @ApiNullableEnum(Disposition)
  before: Disposition | null;
  @ApiNullableEnum(Disposition)
  after: Disposition | null;
}

export class TextChangeDto {
  before: string | null;
  after: string | null;
}

/** What changed for one subject's own disposition of a request (before null: it had none; after null: cleared). */
export class SubmittedSubjectChangeDto {
  subjectId: string;
  subjectName: string;
  disposition: DispositionChangeDto | null;
  responseText: TextChangeDto | null;
}

/** What changed for one request since the previous submitted version. */
export class SubmittedRequestChangeDto {
  requestId: string;
  ordinal: number;
  title: string;
  /** ADDED: not in the previous version; REMOVED: no longer in this one. */
  @ApiProperty({ enum: ['ADDED', 'REMOVED', 'CHANGED'] })
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  disposition: DispositionChangeDto | null;
  /** The outward response text. */
  responseText: TextChangeDto | null;
  /** Objections raised now and not before, as printed. */
  objectionsAdded: string[];
  objectionsRemoved: string[];
  /** The subjects whose own disposition or text was given, changed or cleared. */
  subjectChanges: SubmittedSubjectChangeDto[];
}

export class ResponseSubmissionDto {
  /** 1 for the first submission, then one more for each supplement. */
  version: number;
  submittedAt: Date;
  submittedBy: UserRefDto | null;
  /** The submitter's name as the manifest prints it. */
  submittedByName: string;
  note: string | null;
  /** SHA-256 of the package ZIP as stored at submission. */
  packageSha256: string;
  sizeBytes: number;
  /** Every file in the ZIP, with its SHA-256 (the manifest's own included). */
  files: PackageFileDto[];
  /** What changed per request against the previous version; null for the first. */
  changes: SubmittedRequestChangeDto[] | null;
  downloadUrl: string;
  verificationUrl: string;
  /** The officer's certification of this version; null while it is not certified. */
  certification: SubmissionCertificationDto | null;
}

export class ResponseSubmissionListDto {
  /** Newest first. */
  items: ResponseSubmissionDto[];
  /** The caller holds the signer role for this audit and may certify a version. */
  canCertify: boolean;
}

/** Who signs, as the certificate prints it (the signer's name, title and entity). */
export class CertificationSignerFieldsDto {
  /** @example "Morgan Reyes" */
  @RequiredText(200)
  signerName: string;

  /** @example "Chief Executive Officer" */
  @RequiredText(200)
  signerTitle: string;

  /** The entity the signer certifies for. @example "Brightline Analytics Ltd" */
  @RequiredText(300)
  signerEntity: string;
}

/** An electronic certification: the signer's fields and their password, entered again. */
export class CertifySubmissionDto extends CertificationSignerFieldsDto {
  /** The signer's own login password: signing re-authenticates them. */
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(1024)
  password: string;
}

/** A wet-signed certificate: the signer's fields first, then the scan (PDF or image) as `file`. */
export class UploadCertificationScanDto extends CertificationSignerFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The signed scan: a PDF, PNG or JPEG.' })
  file: unknown;
}

/** The scan of a certificate signed by hand. */
export class CertificationScanDto {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Where the signed scan is downloaded (members of the audit). */
  url: string;
}

export class SubmissionCertificationDto {
  @ApiProperty({ enum: CertificationMethod, enumName: 'CertificationMethod' })
  method: CertificationMethod;
  certifiedAt: Date;
  /** The signer's account (for a scan: who uploaded it). */
  signer: UserRefDto | null;
  signerName: string;
  signerTitle: string;
  signerEntity: string;
  /** The address the electronic signature came from; null for a scan. */
  clientAddress: string | null;
  /** The package's SHA-256 as certified. */
  packageSha256: string;
  /** The certification text as printed on the certificate. */
  text: string;
  /** SHA-256 of the certificate PDF as stored. */
  certificateSha256: string;
  certificateUrl: string;
  /** The uploaded wet-signed scan; null for an electronic signature. */
  scan: CertificationScanDto | null;
}

export class ChecklistRequestDto {
  requestId: string;
  ordinal: number;
  title: string;
}

export class ChecklistAnswerDto {
  requestId: string;
  ordinal: number;
  title: string;
  responseId: string;
  subjectName: string;
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus' })
  status: ResponseStatus;
}

export class SubmissionChecklistDto {
  /** No blocking item: the response can be submitted (by lead counsel). */
  ready: boolean;
  /** The caller may submit (lead counsel). */
  canSubmit: boolean;
  /** The next version's number. */
  nextVersion: number;
  /** Requests without a disposition: submitting is refused until each has one. */
  missingDispositions: ChecklistRequestDto[];
  /**
   * Answers not approved to requests the response promises to answer: the final report
   * leaves them out and their evidence is not released (a warning; a supplement can send them).
   */
  unapprovedAnswers: ChecklistAnswerDto[];
  /** Evidence versions the package would carry (approved for release and not withheld). */
  evidenceCount: number;
}

export class PackageDifferenceDto {
  /** The file's path in the package (the ZIP itself is "(package ZIP)"). */
  path: string;
  @ApiProperty({ enum: IntegrityResult, enumName: 'IntegrityResult' })
  result: IntegrityResult;
  /** Null for a file in the ZIP that the package never had. */
  expectedSha256: string | null;
  /** Null when the file is missing (or the ZIP cannot be read). */
  actualSha256: string | null;
}

export class SubmissionVerificationDto {
  version: number;
  /** MATCH: the stored ZIP and every file in it are as submitted. */
  @ApiProperty({ enum: IntegrityResult, enumName: 'IntegrityResult' })
  result: IntegrityResult;
  checkedAt: Date;
  /** The ZIP and every file recorded in it. */
  filesChecked: number;
  differences: PackageDifferenceDto[];
  /** The SHA-256 an officer certified for this version; null when it is not certified. */
  certifiedSha256: string | null;
  /** The stored package still hashes to the certified SHA-256; null when not certified. */
  matchesCertification: boolean | null;
}
