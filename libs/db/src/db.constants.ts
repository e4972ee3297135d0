/** Injection token for the postgresql:// URL the PrismaService connects to. */
export const DATABASE_URL = Symbol('DATABASE_URL');
