import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import { pageMeta, skipTake } from '../common/pagination.dto';
import { mapUser } from '../auth/auth.mapper';
import type { UserPageDto, UserQueryDto } from './dto/user.dto';

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
    const total = await this.prisma.user.count({ where });
    const users = await this.prisma.user.findMany({ where, orderBy: { name: 'asc' }, ...skipTake(query) });
    return { ...pageMeta(query, total), items: users.map(mapUser) };
  }
}
