import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Clock, clockFrom } from '@app/domain';

/** Provides the one Clock (a replay clock when CLOCK_START is set); tests override it. */
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
