import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting, for whom and from where: what the audit trail copies onto each row. */
export interface RequestContextData {
  requestId?: string;
  ip?: string;
  actorUserId?: string;
  actorApiKeyId?: string;
  /** The position the actor acts in. */
  positionId?: string;
  /** The position acted for under a delegation. */
  onBehalfOfPositionId?: string;
  delegationId?: string;
  organisationId?: number;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * The context of the request (or job, or command) being served, carried through `await`s by
 * AsyncLocalStorage. The HTTP layer starts one per request with its id and address; the
 * authentication guard then {@link RequestContext.assign}s the actor.
 */
export const RequestContext = {
  /** Runs `fn` in a new context that starts as a copy of `initial`. */
  run<T>(initial: RequestContextData, fn: () => T): T {
    return storage.run({ ...initial }, fn);
  },

  /** The current context, or undefined outside any. */
  current(): RequestContextData | undefined {
    return storage.getStore();
  },

  /** Adds to (or overwrites in) the current context; does nothing outside one. */
  assign(partial: Partial<RequestContextData>): void {
    const current = storage.getStore();
    if (current !== undefined) Object.assign(current, partial);
  },
} as const;
