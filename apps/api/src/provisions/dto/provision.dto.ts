import { PartialType } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination.dto';
import { OptionalText, RequiredText } from '../../common/dto-decorators';

export class CreateProvisionDto {
  /** The clause number as the agreement cites it, e.g. "II.D". */
  @RequiredText(50)
  reference: string;

  /** @example "Rate Limits" */
  @RequiredText(300)
  title: string;

  @OptionalText(50_000)
  text?: string | null;
}

export class UpdateProvisionDto extends PartialType(CreateProvisionDto, { skipNullProperties: false }) {}

export class ProvisionDto {
  id: string;
  reference: string;
  title: string;
  text: string | null;
}

export class ProvisionPageDto extends PageMetaDto {
  items: ProvisionDto[];
}
