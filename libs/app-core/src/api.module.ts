import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CalendarHttpModule } from '@wian/calendar';
import { CirculationHttpModule } from '@wian/circulation';
import { HierarchyHttpModule } from '@wian/hierarchy';
import { IdentityHttpModule } from '@wian/identity';
import { NotificationsHttpModule } from '@wian/notifications';
import { RegistersHttpModule } from '@wian/registers';
import { CoreModule } from './core.module.js';
import { dashboardCookieAuth } from './dashboard-cookie.middleware.js';
import { HealthController } from './health.controller.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';

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
    CalendarHttpModule,
  ],
  controllers: [HealthController, QueueDashboardController],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(dashboardCookieAuth).forRoutes('admin/queues', 'admin/queues/*path');
  }
}
