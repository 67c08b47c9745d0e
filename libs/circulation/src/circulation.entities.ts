import { Circular } from './circular.entity.js';
import { ScheduledJob } from './deadlines/scheduled-job.entity.js';
import { DeliveryAcknowledgement } from './delivery-acknowledgement.entity.js';
import { DeliveryEventRecord } from './delivery-event.entity.js';
import { Delivery } from './delivery.entity.js';

export const CIRCULATION_ENTITIES = [
  Circular,
  Delivery,
  DeliveryEventRecord,
  DeliveryAcknowledgement,
  ScheduledJob,
];
