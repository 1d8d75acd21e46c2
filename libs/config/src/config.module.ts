import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * Loads `.env` (if any) into the environment, validates it and provides the typed `AppConfig`.
 * A bad config throws during module construction, so the process refuses to start.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ cache: true, ignoreEnvVars: false, validate: (env) => (loadConfig(env), env) })],
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
