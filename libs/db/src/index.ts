import type { Prisma } from './generated/prisma/client';

export * from './generated/prisma/client';
export { DATABASE_URL } from './db.constants';
export { DbModule } from './db.module';
export { PrismaService } from './prisma.service';
export { PlainSql } from './plain-sql';
export { AfterCommit, type AfterCommitEffect, type TransactionOptions, UnitOfWork } from './unit-of-work';
export { createPgAdapter, createPrismaClient } from './prisma-client.factory';
export { parseDatabaseUrl, withDatabase } from './pg-connection';
export { lockForTransaction } from './transaction-lock';

/** The client handed to `prisma.$transaction(async (tx) => ...)` callbacks. */
export type Tx = Prisma.TransactionClient;
