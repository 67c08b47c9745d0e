import { Module } from '@nestjs/common';
import { ConfigModule } from '@wian/config';
import { LoggingModule } from '@wian/http';
import { JobsModule } from '@wian/jobs';
import { PersistenceModule } from '@wian/persistence';
import { RedisModule } from '@wian/queue';
import { ENTITIES } from './entities.js';

/** What every wian process has: configuration, logs, the database and Redis. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule.forRoot({ entities: ENTITIES }),
    RedisModule,
    JobsModule,
  ],
})
export class CoreModule {}
