import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/domain';

/** Provides the one Clock; tests override it with a FixedClock. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
