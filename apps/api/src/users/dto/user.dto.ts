import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { UserDto } from '../../auth/dto/auth.dto';

export class UserQueryDto extends PageQueryDto {
  /** Part of a name or email. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class UserPageDto extends PageMetaDto {
  items: UserDto[];
}
