import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HierarchyModule } from '@wian/hierarchy';
import { CoreModule } from './core.module.js';
import { HealthController } from './health.controller.js';
import { WorkerHeartbeat } from './worker-heartbeat.service.js';

/** Queue processors (reminders, deadlines, escalations arrive with their issues). */
@Module({
  imports: [CoreModule, HierarchyModule],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}

/** The worker's own health endpoint when it runs as a separate process. */
@Module({
  imports: [WorkerModule, TerminusModule],
  controllers: [HealthController],
})
export class StandaloneWorkerModule {}
