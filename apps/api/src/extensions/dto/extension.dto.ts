import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PageMetaDto } from '../../common/pagination.dto';
import { IsCalendarDay, Optional, OptionalText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';
import { ExtensionStatus } from '@app/domain';

export const EXTENSION_DECISIONS = [
  ExtensionStatus.GRANTED,
  ExtensionStatus.DENIED,
  ExtensionStatus.WITHDRAWN,
] as const;
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];

export class CreateExtensionDto {
  /** The day the extension was asked for, YYYY-MM-DD. */
  @IsCalendarDay()
  requestedOn: string;

  /**
   * The deadline asked for: a local date-time meant in the audit's deadline zone
   * ("2023-06-21T17:00") or an instant with offset. Must be later than the deadline in force.
   */
  @IsString()
  @MaxLength(40)
  newDeadline: string;

  /** The request's note, e.g. how and to whom it was asked. */
  @OptionalText(2000)
  note?: string | null;
}

export class DecideExtensionDto {
  /** GRANTED moves the audit's deadline (and its reminders) to the extension's new deadline. */
  @IsIn(EXTENSION_DECISIONS)
  @ApiProperty({ enum: EXTENSION_DECISIONS, enumName: 'ExtensionDecision' })
  status: ExtensionDecision;

  /** The day of the decision, YYYY-MM-DD; today in the audit's zone when left out. */
  @Optional()
  @IsCalendarDay()
  decidedOn?: string;

  /** Kept as the decision's note (`decisionNote`); the request's note stays as it was. */
  @OptionalText(2000)
  note?: string | null;
}

export class ExtensionDto {
  id: string;
  requestedOn: string;
  newDeadline: Date;
  /** The new deadline as the parties read it, with the audit zone's offset. */
  newDeadlineLocal: string;
  @ApiProperty({ enum: ExtensionStatus, enumName: 'ExtensionStatus' })
  status: ExtensionStatus;
  /** The deadline this extension replaced; null until granted. */
  previousDeadline: Date | null;
  decidedOn: string | null;
  /** The note recorded with the request. */
  note: string | null;
  /** The note recorded with the decision; null until decided (or decided without one). */
  decisionNote: string | null;
  recordedBy: UserRefDto | null;
  createdAt: Date;
}

export class ExtensionPageDto extends PageMetaDto {
  items: ExtensionDto[];
}
