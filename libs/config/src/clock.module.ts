import { Global, Module } from '@nestjs/common';
import { Clock, clockFrom } from '@app/domain';
import { Environment } from './environment';

/** The process Clock of API and worker (a replay clock when CLOCK_START is set); tests override it. */
@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [Environment],
      useFactory: (config: Environment) => clockFrom(config.CLOCK_START ? new Date(config.CLOCK_START) : undefined),
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
