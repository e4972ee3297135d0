import { PageMetaDto } from '../../common/pagination.dto';
import { OptionalText, Optional, RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class SaveRequestTemplateDto {
  /** Unique in the organisation, e.g. "Oracle licence review". */
  @RequiredText(200)
  name: string;

  @OptionalText(2000)
  description?: string | null;
}

export class UpdateRequestTemplateDto {
  @Optional()
  @RequiredText(200)
  name?: string;

  @OptionalText(2000)
  description?: string | null;
}

export class RequestTemplateSummaryDto {
  id: string;
  name: string;
  description: string | null;
  createdBy: UserRefDto | null;
  createdAt: Date;
  updatedAt: Date;
  requestCount: number;
  provisionCount: number;
}

export class RequestTemplatePageDto extends PageMetaDto {
  items: RequestTemplateSummaryDto[];
}

export class RequestTemplateProvisionDto {
  reference: string;
  title: string;
  text: string | null;
}

export class RequestTemplateItemDto {
  ordinal: number;
  title: string;
  text: string;
  /** The reference of the provision it cites (one of `provisions`), or null. */
  provisionReference: string | null;
}

export class RequestTemplateDto extends RequestTemplateSummaryDto {
  provisions: RequestTemplateProvisionDto[];
  items: RequestTemplateItemDto[];
}
