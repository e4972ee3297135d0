import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Active users, for choosing members, assignees and reviewers. */
  @Get()
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }
}
