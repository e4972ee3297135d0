import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** The validated environment; inject it as `AppConfig`. */
export { Environment as AppConfig };

@Global()
@Module({
  // forRoot loads .env into process.env and fails start-up on an invalid environment.
  imports: [ConfigModule.forRoot({ cache: true, validate: validateEnvironment })],
  providers: [{ provide: Environment, useFactory: () => validateEnvironment(process.env) }],
  exports: [Environment],
})
export class AppConfigModule {}
