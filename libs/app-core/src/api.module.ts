import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CirculationHttpModule } from '@wian/circulation';
import { HierarchyHttpModule } from '@wian/hierarchy';
import { IdentityHttpModule } from '@wian/identity';
import { NotificationsHttpModule } from '@wian/notifications';
import { RegistersHttpModule } from '@wian/registers';
import { CoreModule } from './core.module.js';
import { HealthController } from './health.controller.js';

/** The HTTP API. */
@Module({
  imports: [
    CoreModule,
    TerminusModule,
    IdentityHttpModule,
    HierarchyHttpModule,
    RegistersHttpModule,
    CirculationHttpModule,
    NotificationsHttpModule,
  ],
  controllers: [HealthController],
})
export class ApiModule {}
