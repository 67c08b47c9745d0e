import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueues } from './job-queues.service.js';
import { JobWorkers } from './job-workers.service.js';
import { OutboxPruner } from './outbox-pruner.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { Outbox } from './outbox.service.js';
import { OutboxSignal } from './outbox-signal.js';
import { OutboxSources } from './outbox-source.js';

/** The outbox, its sources and the queue producers: in every process that writes. */
@Global()
@Module({
  providers: [Outbox, OutboxSignal, OutboxSources, JobQueues],
  exports: [Outbox, OutboxSignal, OutboxSources, JobQueues],
})
export class JobsModule {}

/** The outbox relay, its pruner and the job workers: in the worker process only. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, OutboxPruner, JobWorkers],
  exports: [OutboxRelay, OutboxPruner],
})
export class JobsWorkerModule {}
