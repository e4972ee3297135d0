import { PageMetaDto } from '../../common/pagination.dto';
import { RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class CreateCommentDto {
  @RequiredText(20_000)
  body: string;
}

export class CommentDto {
  id: string;
  author: UserRefDto | null;
  body: string;
  createdAt: Date;
}

export class CommentPageDto extends PageMetaDto {
  items: CommentDto[];
}
