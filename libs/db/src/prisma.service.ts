import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DATABASE_URL } from './db.constants';
import { PrismaClient } from './generated/prisma/client';
import { prismaClientOptions } from './prisma-client.factory';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    super(prismaClientOptions(databaseUrl));
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  /** Last in a stop (after the HTTP server and the queue workers let their work finish). */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
