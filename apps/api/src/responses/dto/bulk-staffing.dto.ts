import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_BULK_STAFFING_CELLS, MAX_BUSINESS_DAYS_BEFORE_DEADLINE, type StaffingRefusalCode } from '@app/domain';
import { IsCalendarDay, Optional } from '../../common/dto-decorators';

export class BulkStaffingItemDto {
  @IsUUID()
  responseId: string;

  /** The version of the cell the change is based on; a cell saved since is refused, not overwritten. */
  @Min(1)
  @IsInt()
  version: number;
}

/** What to set on every cell: a field left out stays as it is on each cell; null clears it. */
export class BulkStaffingSetDto {
  /** Who works on the cells: a member of the audit who can write; null unassigns. */
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  /** Who reviews the cells: a member who can write, other than each cell's assignee; null clears. */
  @IsOptional()
  @IsUUID()
  reviewerId?: string | null;

  /** Internal due date (YYYY-MM-DD, read in the audit's zone); null clears. Not with `dueBusinessDaysBeforeDeadline`. */
  @IsOptional()
  @IsCalendarDay()
  dueDate?: string | null;

  /**
   * The internal due date as this many working days (Monday to Friday) before the date of the
   * response deadline in the audit's zone; 0 is the deadline's own date. Not with `dueDate`.
   */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_BUSINESS_DAYS_BEFORE_DEADLINE)
  dueBusinessDaysBeforeDeadline?: number;

  /** true declares the cells not applicable; false brings not-applicable cells back into the work. */
  @Optional()
  @IsBoolean()
  notApplicable?: boolean;
}

export class BulkStaffingDto {
  /** The cells to change, each with the version it was read at (at most 2,000). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_STAFFING_CELLS, {
    message: `items may name at most ${MAX_BULK_STAFFING_CELLS} cells; send the rest in another request`,
  })
  @ValidateNested({ each: true })
  @Type(() => BulkStaffingItemDto)
  items: BulkStaffingItemDto[];

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BulkStaffingSetDto)
  set: BulkStaffingSetDto;
}

const REFUSAL_CODES: StaffingRefusalCode[] = [
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'APPROVED',
  'NOT_A_WORKING_MEMBER',
  'REVIEWER_IS_ASSIGNEE',
  'INVALID_TRANSITION',
  'FORBIDDEN',
];

export class BulkStaffingAppliedDto {
  responseId: string;
  /** The cell's version after the change: send it with the next edit. */
  version: number;
}

export class BulkStaffingRefusedDto {
  responseId: string;
  @ApiProperty({ enum: REFUSAL_CODES, enumName: 'StaffingRefusalCode' })
  code: StaffingRefusalCode;
  /** Why the cell was left alone, in plain words. */
  reason: string;
  /** The cell's version now (null when it is not a response of this audit). */
  currentVersion: number | null;
}

export class BulkStaffingResultDto {
  /** Cells changed, in the order they were sent, with their new versions. */
  applied: BulkStaffingAppliedDto[];
  /** Cells that already were as asked: nothing written, versions unchanged. */
  unchanged: BulkStaffingAppliedDto[];
  /** Cells left alone, each with its reason. */
  refused: BulkStaffingRefusedDto[];
  /** The internal due date set (YYYY-MM-DD), when one was set or computed; null when cleared or not asked. */
  dueDate: string | null;
}
