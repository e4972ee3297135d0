import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DATABASE_URL } from './db.constants';
import { PrismaClient } from './generated/prisma/client';
import { prismaClientOptions } from './prisma-client.factory';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    super(prismaClientOptions(databaseUrl));
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
