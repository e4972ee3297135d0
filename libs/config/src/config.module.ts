import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, loadEnvironment } from './environment';

/** The validated environment; inject it as `AppConfig`. */
export { Environment as AppConfig };

@Global()
@Module({
  // forRoot loads .env into process.env; loadEnvironment validates the result once.
  imports: [ConfigModule.forRoot({ cache: true })],
  providers: [{ provide: Environment, useFactory: loadEnvironment }],
  exports: [Environment],
})
export class AppConfigModule {}
