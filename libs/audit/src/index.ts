import { AuditEvent } from './audit-event.entity.js';

export { AUDIT_CLOCK } from './audit-clock.token.js';
export { auditEventsToCsv } from './audit-csv.js';
export type { AuditEntry } from './audit-entry.js';
export { AuditEvent } from './audit-event.entity.js';
export {
  auditHash,
  auditHashDocument,
  auditHashObject,
  canonicalJson,
  normalisePayload,
} from './audit-hash.js';
export { auditSql, AuditSqlValue } from './audit-sql.js';
export type { AuditSqlEntry, SqlParameterSink } from './audit-sql.js';
export type { AuditHashInput } from './audit-hash.js';
export { AUDIT_PAGE_LIMIT_MAX, AuditQuery } from './audit-query.service.js';
export { AuditPage } from './audit-query.service.js';
export type { AuditFilter, AuditPageRequest } from './audit-query.service.js';
export {
  AUDIT_CHAIN_LOCK_CLASS,
  auditChainTipSql,
  AuditTrail,
  eachRowOnItsChain,
} from './audit-trail.service.js';
export { verifyAuditChains } from './audit-verifier.js';
export type {
  AuditBreak,
  AuditBreakReason,
  AuditVerification,
  AuditVerifyOptions,
} from './audit-verifier.js';
export { AuditModule } from './audit.module.js';
export { RequestContext } from '@wian/http';
export type { RequestContextData } from '@wian/http';

/** Entities of the audit context, for the data source. */
export const AUDIT_ENTITIES = [AuditEvent];
