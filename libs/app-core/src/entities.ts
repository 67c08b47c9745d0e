import { AUDIT_ENTITIES } from '@wian/audit';
import { CALENDAR_ENTITIES } from '@wian/calendar';
import { CIRCULATION_ENTITIES } from '@wian/circulation';
import { HIERARCHY_ENTITIES } from '@wian/hierarchy';
import { IDENTITY_ENTITIES } from '@wian/identity';
import { OutboxMessage } from '@wian/jobs';
import { NOTIFICATIONS_ENTITIES } from '@wian/notifications';
import { REGISTERS_ENTITIES } from '@wian/registers';

/** Every entity of every bounded context: the data source maps exactly these. */
export const ENTITIES = [
  ...HIERARCHY_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...REGISTERS_ENTITIES,
  ...CIRCULATION_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...CALENDAR_ENTITIES,
  OutboxMessage,
];
