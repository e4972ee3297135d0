import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ACTIVITY_ACTIONS, ACTIVITY_ENTITY_TYPES, type ActivityAction, type ActivityEntityType } from '@app/activity';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { UserRefDto } from '../../common/user-ref.dto';
import { RequestRefDto, SubjectRefDto } from '../../responses/dto/response.dto';

// The activity catalog's words, as enums in the OpenAPI document.
const entityTypeProperty = { enum: ACTIVITY_ENTITY_TYPES, enumName: 'ActivityEntityType' };
const actionProperty = { enum: ACTIVITY_ACTIONS, enumName: 'ActivityAction' };

export class ActivityFilterDto {
  /** What the events are about, e.g. "response", "subject", "member". */
  @IsOptional()
  @IsIn(ACTIVITY_ENTITY_TYPES)
  @ApiProperty({ ...entityTypeProperty, required: false })
  entityType?: ActivityEntityType;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsIn(ACTIVITY_ACTIONS)
  @ApiProperty({ ...actionProperty, required: false })
  action?: ActivityAction;

  @IsOptional()
  @IsUUID()
  actorId?: string;
}

export class ActivityQueryDto extends IntersectionType(ActivityFilterDto, PageQueryDto) {}

export class FieldChangeDto {
  before: unknown;
  after: unknown;
  /** What the field is called where its key does not say (a form field's label); show it instead of the key's. */
  label?: string;
}

export class ActivityEventDto {
  /** Increasing event number. */
  id: string;
  occurredAt: Date;
  actor: UserRefDto | null;
  @ApiProperty(entityTypeProperty)
  entityType: ActivityEntityType;
  entityId: string;
  @ApiProperty(actionProperty)
  action: ActivityAction;
  /** Changed fields with their values before and after. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' },
    nullable: true,
  })
  changes: Record<string, FieldChangeDto> | null;
  /** The subject the event is about (a subject's own events, or a response's, its comments and links). */
  subject: SubjectRefDto | null;
  /** The request the event is about (a request's own events, its disposition, or a response's). */
  request: RequestRefDto | null;
  /** The people the changes name by id (assignee, reviewer, approved by...), so they read as names. */
  people: UserRefDto[];
}

export class ActivityPageDto extends PageMetaDto {
  items: ActivityEventDto[];
}
