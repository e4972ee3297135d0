// DbModule.forRoot(databaseUrl?) registers a global PrismaService, PlainSql and UnitOfWork. Without an argument the
// URL is read from process.env.DATABASE_URL when the module is instantiated (not imported),
// so tests can point DATABASE_URL at their own database before building the module.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_URL } from './db.constants';
import { PrismaService } from './prisma.service';
import { PlainSql } from './plain-sql';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class DbModule {
  static forRoot(databaseUrl?: string): DynamicModule {
    return {
      module: DbModule,
      providers: [
        {
          provide: DATABASE_URL,
          useFactory: (): string => {
            const url = databaseUrl ?? process.env.DATABASE_URL;
            if (!url) throw new Error('DATABASE_URL is not set');
            return url;
          },
        },
        PrismaService,
        PlainSql,
        UnitOfWork,
      ],
      exports: [PrismaService, PlainSql, UnitOfWork],
    };
  }
}
