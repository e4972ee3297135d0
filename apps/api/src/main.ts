import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InvalidEnvironmentError, loadEnvironment, logLevels } from '@app/config';
import { AppModule } from './app.module';
import { API_APP_OPTIONS, configureApp } from './app.setup';

async function bootstrap() {
  const config = loadEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    ...API_APP_OPTIONS,
    logger: logLevels(config),
  });
  configureApp(app);
  await app.listen(config.PORT);
  Logger.log(`API listening on http://localhost:${config.PORT}/api (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  // Configuration errors carry their own readable message; no stack needed.
  console.error(error instanceof InvalidEnvironmentError ? error.message : error);
  process.exit(1);
});
