import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import { userDirectoryRefusal } from '@app/domain';
import { AuditAccessService } from '../access/audit-access.service';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import { mapUser } from '../auth/auth.mapper';
import type { UserPageDto, UserQueryDto } from './dto/user.dto';

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  /** Active users, for counsel choosing whom to add to an audit (counsel and org admins: 403 for others). */
  async list(auth: AuthContext, query: UserQueryDto): Promise<UserPageDto> {
    const refusal = userDirectoryRefusal({
      orgRole: auth.user.orgRole,
      counselSomewhere: await this.access.counselSomewhere(auth.user.id),
    });
    if (refusal) throw AppError.forbidden(refusal);
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
