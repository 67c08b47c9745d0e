export { Circular, CIRCULAR_STATUSES, ROLLUP_RULES } from './circular.entity.js';
export type { CircularStatus, RollupRule } from './circular.entity.js';
export { CIRCULATION_ENTITIES } from './circulation.entities.js';
export {
  CirculationHttpModule,
  CirculationJobsModule,
  CirculationModule,
} from './circulation.module.js';
export { CirculationProgress } from './circulation-progress.service.js';
export type { CircularProgress, ProgressCounts } from './circulation-progress.service.js';
export { CirculationService } from './circulation.service.js';
export type { SentCircular } from './circulation.service.js';
export { CircularView, DeliveryView } from './circulation.views.js';
export { DeliveryActions } from './delivery-actions.service.js';
export { CircularDeadlineChangedJob, CircularSentJob } from './delivery-notice.jobs.js';
export {
  AcknowledgeDeliveryDto,
  InstructDeliveryDto,
  ReasonDto,
  ReceiveDeliveryDto,
  ReportDoneDto,
} from './delivery-commands.dto.js';
export { deliveryMachineV1 } from './delivery-machine.v1.js';
export type { DeliveryContext, DeliveryEvent, DeliveryEventType } from './delivery-machine.v1.js';
export { DeliveryQueries, signatureLine } from './delivery-queries.service.js';
export type { ChainLink } from './delivery-queries.service.js';
export { DeliveryTransitions } from './delivery-transitions.service.js';
export {
  CURRENT_DELIVERY_MACHINE_VERSION,
  DELIVERY_EVENT_TYPES,
  DELIVERY_WORKFLOW,
  DeliveryWorkflow,
  PROGRESS_STATES,
  STATE_LABEL_TH,
  TIMELINESS_STATES,
  UnknownMachineVersionError,
} from './delivery-workflow.js';
export type {
  DeliveryUpgrade,
  PersistedDelivery,
  ProgressState,
  TimelinessState,
} from './delivery-workflow.js';
export { Delivery } from './delivery.entity.js';
export {
  ForwardCircularDto,
  RecipientSelectorInput,
  SendCircularDto,
} from './send-circular.dto.js';
export { SELECTOR_KINDS } from './recipient-selection.js';
export type { RecipientSelection, RecipientSelector, SelectorKind } from './recipient-selection.js';
export { DeadlineReconciler } from './deadlines/deadline-reconciler.service.js';
export { DeadlineRunner } from './deadlines/deadline-runner.service.js';
export { DeadlineScheduler, deadlineJobId } from './deadlines/deadline-scheduler.service.js';
export {
  DeadlineSchedule,
  SCHEDULE_STATUSES,
  ScheduledJobView,
  scheduledJobTitleTh,
} from './deadlines/deadline-schedule.service.js';
export type { ScheduleStatus, SchedulePage } from './deadlines/deadline-schedule.service.js';
export { planDeadlineJobs } from './deadlines/deadline-plan.js';
export type { ReminderPolicy, WorkingDayCalendar } from './deadlines/deadline-plan.js';
export { ScheduledJob } from './deadlines/scheduled-job.entity.js';
