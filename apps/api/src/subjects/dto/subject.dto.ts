import { PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
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

export class UpdateSubjectDto extends PartialType(CreateSubjectDto, { skipNullProperties: false }) {
  /**
   * With a new owner: whether they also take over the subject's open responses that were
   * nobody's or still the previous owner's (true, the default), or only the subject changes
   * hands and every response keeps its assignee (false).
   */
  @Optional()
  @IsBoolean()
  handOverOpenWork?: boolean;
}

export class SubjectDto {
  id: string;
  name: string;
  position: number;
  product: string | null;
  description: string | null;
  owner: UserRefDto | null;
}

/** A subject as an edit left it, with what a new owner did to its responses. */
export class UpdatedSubjectDto extends SubjectDto {
  /**
   * How many of its open responses now have the new owner as assignee: those that were
   * unassigned or still assigned to the previous owner (0 when the owner did not change).
   */
  responsesReassigned: number;
  /**
   * How many would have followed the new owner but were left as they are, because the new
   * owner reviews them and a response's reviewer cannot also be its assignee.
   */
  responsesNotReassigned: number;
}

export class SubjectPageDto extends PageMetaDto {
  items: SubjectDto[];
}
