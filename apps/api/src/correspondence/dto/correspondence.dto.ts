import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CORRESPONDENCE_SUBJECT_MAX,
  CORRESPONDENCE_SUMMARY_MAX,
  CorrespondenceChannel,
  CorrespondenceDirection,
  ExtensionStatus,
} from '@app/domain';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { Optional, OptionalText, RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';
import { EvidenceVersionDto } from '../../evidence/dto/evidence.dto';

const directionProperty = { enum: CorrespondenceDirection, enumName: 'CorrespondenceDirection' };
const channelProperty = { enum: CorrespondenceChannel, enumName: 'CorrespondenceChannel' };
const DIRECTION_MESSAGE = 'direction must be RECEIVED or SENT';
const CHANNEL_MESSAGE = 'channel must be one of LETTER, EMAIL, CALL, MEETING, OTHER';

/** One exchange with the other side, as counsel records it. */
export class CorrespondenceInputDto {
  /**
   * When it was sent, received or held: a wall-clock time meant in `timeZone`
   * ("2023-05-25T14:30") or an instant with an offset.
   * @example "2023-05-25T14:30"
   */
  @IsString()
  @MaxLength(40)
  occurredAt: string;

  /** The IANA zone the time was stated in, e.g. "America/New_York". */
  @IsString()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Europe/Dublin or America/New_York' })
  timeZone: string;

  @ApiProperty(directionProperty)
  @IsEnum(CorrespondenceDirection, { message: DIRECTION_MESSAGE })
  direction: CorrespondenceDirection;

  @ApiProperty(channelProperty)
  @IsEnum(CorrespondenceChannel, { message: CHANNEL_MESSAGE })
  channel: CorrespondenceChannel;

  /** Who it came from (a person, a firm, a party). */
  @RequiredText(300)
  from: string;

  /** Who it went to. */
  @RequiredText(300)
  to: string;

  @RequiredText(CORRESPONDENCE_SUBJECT_MAX)
  subject: string;

  /** What was said or agreed. */
  @OptionalText(CORRESPONDENCE_SUMMARY_MAX)
  summary?: string | null;

  /** The requests it concerns. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  requestIds?: string[];

  /** The extension it asks for or grants (a recorded extension of this audit). */
  @IsOptional()
  @IsUUID('all')
  extensionId?: string | null;
}

/** A changed entry: all its fields, on top of the version the caller saw. */
export class UpdateCorrespondenceDto extends CorrespondenceInputDto {
  /** The version the change is based on; a stale one gets 409 VERSION_CONFLICT. */
  @IsInt()
  @Min(1)
  version: number;
}

export class RemoveCorrespondenceAttachmentQueryDto {
  /** The entry's version the removal is based on; a stale one gets 409 VERSION_CONFLICT. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

const emptyToUndefined = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

export class CorrespondenceFilterDto {
  /** Words searched in the subject, summary, from and to (case-insensitive). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @ApiProperty({ ...directionProperty, required: false })
  @IsEnum(CorrespondenceDirection, { message: DIRECTION_MESSAGE })
  direction?: CorrespondenceDirection;

  @IsOptional()
  @ApiProperty({ ...channelProperty, required: false })
  @IsEnum(CorrespondenceChannel, { message: CHANNEL_MESSAGE })
  channel?: CorrespondenceChannel;

  /** Only entries that concern this request. */
  @IsOptional()
  @IsUUID('all')
  requestId?: string;
}

export class CorrespondenceQueryDto extends IntersectionType(CorrespondenceFilterDto, PageQueryDto) {}

/** The fields of an attachment upload (multipart/form-data), sent before the file part. */
export class CorrespondenceAttachmentFieldsDto {
  /** How the file is listed; its file name when left out. */
  @OptionalText(300)
  title?: string;
}

/** An attachment: its fields first, then the `file` part. */
export class UploadCorrespondenceAttachmentDto extends CorrespondenceAttachmentFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its type is sniffed from the content.' })
  file: unknown;
}

export class CorrespondenceRequestRefDto {
  id: string;
  ordinal: number;
  title: string;
}

export class CorrespondenceExtensionRefDto {
  id: string;
  requestedOn: string;
  newDeadline: Date;
  @ApiProperty({ enum: ExtensionStatus, enumName: 'ExtensionStatus' })
  status: ExtensionStatus;
}

/** A file that came with an entry: stored, hashed and downloaded like a source document. */
export class CorrespondenceAttachmentDto {
  /** The source document's id (the file is listed among the audit's documents too). */
  id: string;
  title: string;
  file: EvidenceVersionDto;
  /** GET this to download the bytes. */
  downloadUrl: string;
}

export class CorrespondenceDto {
  id: string;
  occurredAt: Date;
  /** The time as stated, with the offset of its zone, e.g. 2023-05-25T14:30:00.000-04:00. */
  occurredAtLocal: string;
  timeZone: string;
  @ApiProperty(directionProperty)
  direction: CorrespondenceDirection;
  @ApiProperty(channelProperty)
  channel: CorrespondenceChannel;
  from: string;
  to: string;
  subject: string;
  summary: string | null;
  /** The requests it concerns, in request order (one deleted since is left out). */
  requests: CorrespondenceRequestRefDto[];
  extension: CorrespondenceExtensionRefDto | null;
  /** The demand letter's own entry (made when the letter is attached). */
  demandLetter: boolean;
  attachments: CorrespondenceAttachmentDto[];
  version: number;
  createdBy: UserRefDto | null;
  createdAt: Date;
  updatedAt: Date;
}

export class CorrespondencePageDto extends PageMetaDto {
  /** Newest first. */
  items: CorrespondenceDto[];
}
