import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CirculationJobsModule } from '@wian/circulation';
import { HierarchyModule } from '@wian/hierarchy';
import { JobsWorkerModule } from '@wian/jobs';
import { NotificationsJobsModule } from '@wian/notifications';
import { CoreModule } from './core.module.js';
import { HealthController } from './health.controller.js';
import { WorkerHeartbeat } from './worker-heartbeat.service.js';

/** The outbox relay and the job handlers (reminders, deadlines, escalations arrive next). */
@Module({
  imports: [
    CoreModule,
    HierarchyModule,
    JobsWorkerModule,
    CirculationJobsModule,
    NotificationsJobsModule,
  ],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}

/** The worker's own health endpoint when it runs as a separate process. */
@Module({
  imports: [WorkerModule, TerminusModule],
  controllers: [HealthController],
})
export class StandaloneWorkerModule {}
