import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@wian/config';
import { DataSource, type MixedList } from 'typeorm';
import {
  createDataSource,
  engineOf,
  pgliteLocation,
  runPendingMigrations,
} from './data-source.factory.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { TransactionHost } from './transaction-host.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
export type PersistenceEntities = MixedList<Function>;

/** Options of {@link PersistenceModule.forRoot}. */
export interface PersistenceModuleOptions {
  entities: PersistenceEntities;
}

/**
 * The database of the process: PostgreSQL when DATABASE_URL is set, embedded PGlite
 * otherwise. Applies pending migrations at start unless DATABASE_MIGRATE_ON_START=false.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Persistence');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TerminusModule],
      providers: [
        {
          provide: DataSource,
          inject: [AppConfig],
          useFactory: async (config: AppConfig): Promise<DataSource> => {
            const settings = {
              url: config.DATABASE_URL,
              pgliteDataDir: config.PGLITE_DATA_DIR,
              poolSize: config.DATABASE_POOL_SIZE,
              poolIdleSeconds: config.DATABASE_POOL_IDLE_SECONDS,
            };
            const dataSource = await createDataSource(settings, options.entities);
            await dataSource.initialize();
            const where =
              engineOf(settings) === 'pglite'
                ? `embedded PGlite at ${pgliteLocation(settings)}`
                : 'PostgreSQL';
            PersistenceModule.logger.log(`Database: ${where}`);
            if (config.DATABASE_MIGRATE_ON_START) {
              const applied = await runPendingMigrations(dataSource);
              if (applied.length > 0) {
                PersistenceModule.logger.log(`Applied migrations: ${applied.join(', ')}`);
              }
            }
            return dataSource;
          },
        },
        {
          provide: TransactionHost,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new TransactionHost(dataSource),
        },
        DatabaseHealthIndicator,
      ],
      exports: [DataSource, TransactionHost, DatabaseHealthIndicator],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
