import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Active users, for choosing whom to add to an audit (counsel of some audit and org admins; 403 for others). */
  @Get()
  list(@Auth() auth: AuthContext, @Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(auth, query);
  }
}
