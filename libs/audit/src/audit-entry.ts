/**
 * What a caller records. Fields left undefined are taken from the current
 * {@link RequestContext} (request id, IP, actor, position, delegation, organisation); an
 * explicit `null` records "none" even when the context has a value.
 */
export interface AuditEntry {
  /** `context.verb`, at most 64 characters: `auth.login`, `register.receive`. */
  action: string;
  entityType?: string | null;
  /** The entity's id; numbers are stored as decimal strings. At most 64 characters. */
  entityId?: string | number | null;
  /** The chain to append to; null for events outside any organisation. */
  organisationId?: number | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  positionId?: string | null;
  onBehalfOfPositionId?: string | null;
  delegationId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  /** Details as a JSON object (stored as jsonb). Never put secrets or document text here. */
  payload?: Record<string, unknown>;
}
