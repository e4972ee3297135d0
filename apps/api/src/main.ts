import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  const config = app.get(AppConfig);
  if (config.LOG_LEVEL) app.useLogger([config.LOG_LEVEL]);
  configureApp(app);
  await app.listen(config.PORT);
  Logger.log(`API listening on http://localhost:${config.PORT}/api (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  // Configuration errors carry their own readable message; no stack needed.
  console.error(error.message.startsWith('Invalid environment') ? error.message : error);
  process.exit(1);
});
