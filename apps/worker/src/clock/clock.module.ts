import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Clock, clockFrom } from '@app/domain';

/** The worker's one Clock, from the same CLOCK_START as the API's; tests override it. */
@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => clockFrom(config.CLOCK_START ? new Date(config.CLOCK_START) : undefined),
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
