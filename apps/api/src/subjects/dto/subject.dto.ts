import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageMetaDto } from '../../common/pagination.dto';
import { Optional, OptionalText, RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class CreateSubjectDto {
  /** Unique within the audit. @example "Bing Pages" */
  @RequiredText(200)
  name: string;

  /** Display order; new subjects go last when omitted. */
  @Optional()
  @Min(1)
  @Max(100_000)
  @IsInt()
  position?: number;

  /** @example "Bing" */
  @OptionalText(200)
  product?: string | null;

  @OptionalText(20_000)
  description?: string | null;

  /** A member who owns the app (its owner may answer its responses). */
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}

export class UpdateSubjectDto extends PartialType(CreateSubjectDto, { skipNullProperties: false }) {}

export class SubjectDto {
  id: string;
  name: string;
  position: number;
  product: string | null;
  description: string | null;
  owner: UserRefDto | null;
}

export class SubjectPageDto extends PageMetaDto {
  items: SubjectDto[];
}
