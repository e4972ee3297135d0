// `npm run db:seed` (tsx prisma/seed/main.ts): loads the demo reference case, once.
import { createPrismaClient } from '@app/db';
import { describeSeed, seedDemo } from './seed-demo';
import { withSeedServices } from './seed-services';

async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone must do.
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/auditdesk); put it in .env or the environment.',
    );
  }
  const prisma = createPrismaClient(databaseUrl);
  try {
    const result = await withSeedServices((services) => seedDemo(prisma, services));
    console.log(describeSeed(result).join('\n'));
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  // Prisma's messages end with the cause, after a code excerpt: show that line only.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Seed failed: ${message.trim().split('\n').at(-1)}`);
  process.exit(1);
});
