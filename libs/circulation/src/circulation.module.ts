import { Module } from '@nestjs/common';
import { CalendarModule } from '@wian/calendar';
import { IdentityModule } from '@wian/identity';
import { NotificationsModule } from '@wian/notifications';
import { RegistersModule } from '@wian/registers';
import { CirculationRegisterEntryUses } from './register-entry-uses.js';
import { CirculationProgress } from './circulation-progress.service.js';
import { CirculationController } from './circulation.controller.js';
import { CirculationService } from './circulation.service.js';
import { DeliveryActions } from './delivery-actions.service.js';
import {
  CircularDeadlineChangedJob,
  CircularSentJob,
  DeliverySentJob,
  DeliveryTransitionedJob,
} from './delivery-notice.jobs.js';
import { DeliveryQueries } from './delivery-queries.service.js';
import { DeliveryTransitions } from './delivery-transitions.service.js';
import { DeliveryWorkflowCheck } from './delivery-workflow.check.js';
import { DeadlineReconciler } from './deadlines/deadline-reconciler.service.js';
import { DeadlineRunner } from './deadlines/deadline-runner.service.js';
import { DeadlineSchedule } from './deadlines/deadline-schedule.service.js';
import { DeadlineScheduler } from './deadlines/deadline-scheduler.service.js';
import { DeadlineMissedJob, EscalationJob, ReminderJob } from './deadlines/deadline.jobs.js';
import { ScheduledJobSource } from './deadlines/scheduled-job.source.js';
import { workingDayCalendarProvider } from './deadlines/working-day-calendar.provider.js';
import { OrganisationFacts } from './organisation-facts.service.js';
import { RecipientResolver } from './recipient-resolver.service.js';

const SERVICES = [
  CirculationService,
  DeadlineScheduler,
  DeadlineSchedule,
  DeadlineRunner,
  CirculationProgress,
  DeliveryActions,
  DeliveryQueries,
  DeliveryTransitions,
  DeliveryWorkflowCheck,
  RecipientResolver,
  OrganisationFacts,
];

/** Circulars, deliveries and their workflow (no HTTP). */
@Module({
  imports: [IdentityModule, RegistersModule, NotificationsModule, CalendarModule],
  providers: [
    ...SERVICES,
    ScheduledJobSource,
    CirculationRegisterEntryUses,
    workingDayCalendarProvider,
  ],
  exports: SERVICES,
})
export class CirculationModule {}

/** The circulation endpoints, for the API app. */
@Module({
  imports: [CirculationModule],
  controllers: [CirculationController],
})
export class CirculationHttpModule {}

/** The circulation job handlers, for the worker. */
@Module({
  imports: [CirculationModule, NotificationsModule],
  providers: [
    CircularSentJob,
    CircularDeadlineChangedJob,
    DeliverySentJob,
    DeliveryTransitionedJob,
    ReminderJob,
    DeadlineMissedJob,
    EscalationJob,
    DeadlineReconciler,
  ],
})
export class CirculationJobsModule {}
