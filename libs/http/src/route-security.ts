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
  /**
   * For reading what circulation shares: the resource is also located at the organisations
   * circulation gave it to, and any one of them suffices (its own organisation still does).
   * `senders` (a circular): also the senders of the circulars it was forwarded from, up to the
   * first; (a delivery) the sender of its circular and those senders, for an unclassified
   * letter. `readers`: a circular at those and at its recipients; a document at the readers of
   * the circulars whose letter it is; a file at the readers of the circulars whose letters
   * carry it as an enclosure, and, for a report's evidence, at the reporting recipient and the
   * senders of its circular's tree. Unclassified documents only. See docs/identity.md.
   */
  shared?: 'senders' | 'readers';
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
