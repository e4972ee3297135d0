import { Matches } from 'class-validator';
import { Optional, RequiredText } from '../../common/dto-decorators';

const CODE = /^[A-Z][A-Z0-9_]*$/;
const CODE_MESSAGE = 'code must be capital letters, digits and underscores, starting with a letter (e.g. OVERBROAD)';

export class CreateObjectionDto {
  /** Short stable key, unique in the library, e.g. OVERBROAD. */
  @RequiredText(40)
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @RequiredText(200)
  title: string;

  /** The standard wording the response letter prints. */
  @RequiredText(5000)
  wording: string;
}

export class UpdateObjectionDto {
  @Optional()
  @RequiredText(40)
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @Optional()
  @RequiredText(200)
  title?: string;

  @Optional()
  @RequiredText(5000)
  wording?: string;
}

export class ObjectionDto {
  id: string;
  code: string;
  title: string;
  wording: string;
  /** How many requests (in any audit) raise it; one in use cannot be deleted. */
  usedBy: number;
  updatedAt: Date;
}
