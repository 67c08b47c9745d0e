import { Module } from '@nestjs/common';
import { systemClock } from '@wian/thai';
import { AUDIT_CLOCK } from './audit-clock.token.js';
import { AuditQuery } from './audit-query.service.js';
import { AuditTrail } from './audit-trail.service.js';

/**
 * The audit trail: {@link AuditTrail} to record, {@link AuditQuery} to read. Needs the
 * TransactionHost of the (global) PersistenceModule. Override AUDIT_CLOCK in tests.
 */
@Module({
  providers: [AuditTrail, AuditQuery, { provide: AUDIT_CLOCK, useValue: systemClock }],
  exports: [AuditTrail, AuditQuery, AUDIT_CLOCK],
})
export class AuditModule {}
