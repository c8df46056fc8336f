import { Global, Module, type Provider } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, validateEnvironment } from './app-config.js';

/** A provider of a validated config class; feature modules register theirs with it. */
export function configProvider<T extends object>(cls: new () => T): Provider {
  return { provide: cls, useFactory: () => validateEnvironment(cls, process.env) };
}

/** Loads an optional `.env` into the environment, then provides the validated AppConfig. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      envFilePath: '.env',
      validate: (env) => {
        validateEnvironment(AppConfig, env);
        return env;
      },
    }),
  ],
  providers: [configProvider(AppConfig)],
  exports: [AppConfig],
})
export class AppConfigModule {}
