import { Controller, Get, Injectable, Module, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PrismaService, type Prisma } from '@app/db';
import { pageMeta, PageMetaDto, PageQueryDto, skipTake } from '../common/pagination';
import { UserDto } from '../auth/dto/auth.dto';
import { mapUser } from '../auth/auth.mapper';

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

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  /** Active users, for choosing members, assignees and reviewers. */
  async list(query: UserQueryDto): Promise<UserPageDto> {
    const where: Prisma.UserWhereInput = {
      active: true,
      ...(query.search && {
        OR: [
          { name: { contains: query.search, mode: 'insensitive' } },
          { email: { contains: query.search, mode: 'insensitive' } },
        ],
      }),
    };
    const [total, users] = await Promise.all([
      this.prisma.user.count({ where }),
      this.prisma.user.findMany({ where, orderBy: { name: 'asc' }, ...skipTake(query) }),
    ]);
    return { ...pageMeta(query, total), items: users.map(mapUser) };
  }
}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }
}

@Module({ controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
