import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, InvalidEnvironmentError } from '@app/config';
import { WorkerModule } from './worker.module';

// The worker serves only GET /health over HTTP, for process managers and docker-compose.
async function bootstrap() {
  const app = await NestFactory.create(WorkerModule);
  const config = app.get(AppConfig);
  if (config.LOG_LEVEL) app.useLogger([config.LOG_LEVEL]);
  app.enableShutdownHooks();
  await app.listen(config.WORKER_PORT);
  Logger.log(`Worker running; health at http://localhost:${config.WORKER_PORT}/health`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  console.error(error instanceof InvalidEnvironmentError ? error.message : error);
  process.exit(1);
});
