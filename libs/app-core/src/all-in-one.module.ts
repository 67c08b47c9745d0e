import { Module } from '@nestjs/common';
import { ApiModule } from './api.module.js';
import { WorkerModule } from './worker.module.js';

/** API and worker in one process: the default `npm start` for a single machine. */
@Module({
  imports: [ApiModule, WorkerModule],
})
export class AllInOneModule {}
