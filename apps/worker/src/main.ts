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
  exitIfStopTakesLongerThan(config.WORKER_SHUTDOWN_GRACE_MS);
  await app.listen(config.WORKER_PORT);
  Logger.log(`Worker running; health at http://localhost:${config.WORKER_PORT}/health`, 'Bootstrap');
}

/**
 * A stop waits for the running jobs (BullMQ's close), and a job can wait for good: a mail server
 * that accepted the connection and never answers, a database connection that is never handed
 * back. After the grace period the worker says so and exits; the jobs it cut off are retried
 * (a claimed digest once its send lease runs out).
 */
function exitIfStopTakesLongerThan(graceMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        Logger.error(
          `Still stopping ${graceMs / 1000} s after ${signal}: exiting with jobs unfinished; they will be retried`,
          'Bootstrap',
        );
        process.exit(1);
      }, graceMs).unref();
    });
  }
}

bootstrap().catch((error: Error) => {
  console.error(error instanceof InvalidEnvironmentError ? error.message : error);
  process.exit(1);
});
