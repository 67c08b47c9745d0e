import type { MigrationInterface } from 'typeorm';
import { RelativeDeadlines1764124000000 } from './1764124000000-relative-deadlines.migration.js';
import { StatementHelpers1764126000000 } from './1764126000000-statement-helpers.migration.js';
import { CalendarHolidays1764114000000 } from './1764114000000-calendar-holidays.migration.js';
import { DropInboxNotice1764122000000 } from './1764122000000-drop-inbox-notice.migration.js';
import { DeliveryRecipientFacts1764120000000 } from './1764120000000-delivery-recipient-facts.migration.js';
import { Deadlines1764118000000 } from './1764118000000-deadlines.migration.js';
import { Notifications1764116000000 } from './1764116000000-notifications.migration.js';
import { Circulation1764112000000 } from './1764112000000-circulation.migration.js';
import { StoredFiles1764104000000 } from './1764104000000-stored-files.migration.js';
import { Registers1764102000000 } from './1764102000000-registers.migration.js';
import { Hierarchy1764097200000 } from './1764097200000-hierarchy.migration.js';
import { Identity1764098000000 } from './1764098000000-identity.migration.js';
import { Audit1764100000000 } from './1764100000000-audit.migration.js';
import { DocumentLetterIndex1764110000000 } from './1764110000000-document-letter-index.migration.js';
import { AuditChainTip1764110100000 } from './1764110100000-audit-chain-tip.migration.js';
import { DropDocumentSubjectIndex1764128000000 } from './1764128000000-drop-document-subject-index.migration.js';
import { DeliveryHotUpdates1764129000000 } from './1764129000000-delivery-hot-updates.migration.js';
import { ScheduledJobPublished1764130000000 } from './1764130000000-scheduled-job-published.migration.js';
import { RegisterSearchDigits1764131000000 } from './1764131000000-register-search-digits.migration.js';
import { CirculationReadIndexes1764132000000 } from './1764132000000-circulation-read-indexes.migration.js';
import { CircularRecallKey1764133000000 } from './1764133000000-circular-recall-key.migration.js';

/** Every migration, oldest first. `npm run migration:generate` appends here. */
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Hierarchy1764097200000,
  Identity1764098000000,
  Audit1764100000000,
  Registers1764102000000,
  StoredFiles1764104000000,
  DocumentLetterIndex1764110000000,
  AuditChainTip1764110100000,
  Circulation1764112000000,
  CalendarHolidays1764114000000,
  Notifications1764116000000,
  Deadlines1764118000000,
  DeliveryRecipientFacts1764120000000,
  DropInboxNotice1764122000000,
  RelativeDeadlines1764124000000,
  StatementHelpers1764126000000,
  DropDocumentSubjectIndex1764128000000,
  DeliveryHotUpdates1764129000000,
  ScheduledJobPublished1764130000000,
  RegisterSearchDigits1764131000000,
  CirculationReadIndexes1764132000000,
  CircularRecallKey1764133000000,
];
