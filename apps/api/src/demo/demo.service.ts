import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { DEMO_LOGINS } from '../../../../prisma/seed/seed-demo';
import { AppError } from '../common/app-error';
import type { DemoLoginsDto } from './dto/demo.dto';

@Injectable()
export class DemoService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The seeded demo users that exist and may log in, only on a demo install: anywhere else
   * the route does not exist (404), so a real install never advertises accounts.
   */
  async logins(): Promise<DemoLoginsDto> {
    if (!this.config.DEMO_MODE) throw AppError.notFound('Route');
    const emails = DEMO_LOGINS.users.map((u) => u.email);
    const active = await this.prisma.user.findMany({
      where: { email: { in: emails }, active: true },
      select: { email: true },
    });
    const present = new Set(active.map((u) => u.email));
    return { password: DEMO_LOGINS.password, users: DEMO_LOGINS.users.filter((u) => present.has(u.email)) };
  }
}
