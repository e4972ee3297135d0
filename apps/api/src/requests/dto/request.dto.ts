import { OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageMetaDto } from '../../common/pagination.dto';
import { Optional, RequiredText } from '../../common/dto-decorators';
import { ProvisionDto } from '../../provisions/dto/provision.dto';

export class CreateRequestDto {
  /** Number of the item in the demand; the next free number when omitted. */
  @Optional()
  @Min(1)
  @Max(10_000)
  @IsInt()
  ordinal?: number;

  /** @example "Purpose and use case of the app" */
  @RequiredText(300)
  title: string;

  /** The demanded item in full, as the letter puts it. */
  @RequiredText(50_000)
  text: string;

  /** The provision of the agreement the request cites. */
  @IsOptional()
  @IsUUID()
  provisionId?: string | null;

  /** True (default): the request applies to every subject. False: only to `subjectIds`. */
  @Optional()
  @IsBoolean()
  appliesToAll?: boolean;

  /** The subjects the request applies to when appliesToAll is false. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  subjectIds?: string[];

  /** A form template whose copy becomes the request's form (see PUT .../requests/:requestId/form). */
  @Optional()
  @IsUUID()
  formTemplateId?: string;
}

export class UpdateRequestDto extends PartialType(OmitType(CreateRequestDto, ['formTemplateId'] as const), {
  skipNullProperties: false,
}) {}

/** A request's form in short, for lists (the form itself: `GET .../requests/:requestId/form`). */
export class RequestFormSummaryDto {
  /** Fields in use (those removed from the form not counted). */
  fieldCount: number;
  /** Of those, the ones an answer must fill in before it goes to review. */
  requiredCount: number;
  /** The form's version, which a revision names. */
  version: number;
  /** The template the form was copied from, while that template exists. */
  templateName: string | null;
}

export class RequestDto {
  id: string;
  ordinal: number;
  title: string;
  text: string;
  provision: ProvisionDto | null;
  appliesToAll: boolean;
  /** The chosen subjects (empty when the request applies to all). */
  subjectIds: string[];
  /** The request's form in short; null when it is answered in free text. */
  form: RequestFormSummaryDto | null;
}

export class RequestPageDto extends PageMetaDto {
  items: RequestDto[];
}
