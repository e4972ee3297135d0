import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvalidEnvironmentError, loadEnvironment, logLevels } from '@app/config';
import { WorkerModule } from './worker.module';

// The worker serves only GET /health over HTTP, for process managers and docker-compose.
async function bootstrap() {
  const config = loadEnvironment();
  const app = await NestFactory.create(WorkerModule, { logger: logLevels(config) });
  app.enableShutdownHooks();
  await app.listen(config.WORKER_PORT);
  Logger.log(`Worker running; health at http://localhost:${config.WORKER_PORT}/health`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  console.error(error instanceof InvalidEnvironmentError ? error.message : error);
  process.exit(1);
});
