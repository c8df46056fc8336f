import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { APPLICATION_ROLE, dataSourceOptions, type MigrationList } from './data-source-options.js';
import { RequestRoleCheck } from './request-role-check.js';

/**
 * TypeORM on the configured PostgreSQL, every pooled connection as the application role; each
 * feature module registers its own entities.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrations: MigrationList }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
            return {
              ...dataSourceOptions({
                url: config.DATABASE_URL,
                poolSize: config.DATABASE_POOL_SIZE,
                migrations: options.migrations,
                role: APPLICATION_ROLE,
              }),
              autoLoadEntities: true,
              retryAttempts: 2,
              retryDelay: 1_000,
            };
          },
        }),
      ],
      providers: [RequestRoleCheck],
    };
  }
}
