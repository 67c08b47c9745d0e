import { SetMetadata } from '@nestjs/common';

/**
 * Every route declares who may call it; the identity library's security guard enforces it
 * and refuses to start when a route declares nothing. Declared here, at the bottom of the
 * HTTP stack, so any feature's controller can use it without depending on identity.
 */

/** Which organisation a request is about, and where in the request its id is. */
export interface ResourceSpec {
  kind:
    | 'organisation'
    | 'position'
    | 'user'
    | 'delegation'
    | 'api_key'
    | 'register'
    | 'register_entry'
    | 'document'
    | 'file'
    | 'circular'
    | 'delivery';
  from: 'param' | 'query' | 'body';
  key: string;
}

export type RouteSecurity =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'authorize'; action: string; resource: ResourceSpec | null };

export const ROUTE_SECURITY = 'wian:route-security';

/** Anyone, signed in or not (health, sign-in). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_SECURITY, { kind: 'public' } satisfies RouteSecurity);

/** Any signed-in user or API key, whatever their position. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_SECURITY, { kind: 'authenticated' } satisfies RouteSecurity);

/**
 * The action this route performs (an entry of the identity library's action catalogue) and
 * where the organisation it concerns comes from. Without a resource, an own/subtree action
 * concerns the actor's own organisation.
 */
export const Authorize = (
  action: string,
  resource?: ResourceSpec,
): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_SECURITY, {
    kind: 'authorize',
    action,
    resource: resource ?? null,
  } satisfies RouteSecurity);
