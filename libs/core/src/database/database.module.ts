import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { APPLICATION_ROLE, dataSourceOptions, type MigrationList } from './data-source-options.js';
import { RequestRoleCheck } from './request-role-check.js';
import { retryTransactions } from './transaction-retry.js';

/**
 * TypeORM on the configured PostgreSQL, every pooled connection as the application role, deadlocked
 * transactions retried; each feature module registers its own entities.
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
          // Deadlocks and serialization failures rerun the whole transaction (see retryTransactions).
          dataSourceFactory: async (options?: DataSourceOptions) => retryTransactions(new DataSource(options as DataSourceOptions)),
        }),
      ],
      providers: [RequestRoleCheck],
    };
  }
}
