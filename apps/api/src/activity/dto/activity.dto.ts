import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { UserRefDto } from '../../common/user-ref.dto';

export class ActivityFilterDto {
  /** e.g. "response", "subject", "member". */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;
}

export class ActivityQueryDto extends IntersectionType(ActivityFilterDto, PageQueryDto) {}

export class FieldChangeDto {
  before: unknown;
  after: unknown;
}

export class ActivityEventDto {
  /** Increasing event number. */
  id: string;
  occurredAt: Date;
  actor: UserRefDto | null;
  entityType: string;
  entityId: string;
  action: string;
  /** Changed fields with their values before and after. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' },
    nullable: true,
  })
  changes: Record<string, FieldChangeDto> | null;
}

export class ActivityPageDto extends PageMetaDto {
  items: ActivityEventDto[];
}
