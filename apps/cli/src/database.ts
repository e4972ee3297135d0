import { createPrismaClient, type PrismaClient } from '@app/db';

/** Runs `work` with a client for DATABASE_URL and always disconnects afterwards. */
export async function withPrisma<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/auditdesk); put it in .env or the environment.',
    );
  }
  const prisma = createPrismaClient(databaseUrl);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
