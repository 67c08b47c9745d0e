import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROUTE_SECURITY, type RouteSecurity } from '@wian/http';
import { isAction } from './action.js';

export interface CatalogedRoute {
  method: string;
  path: string;
  controller: string;
  handler: string;
  security: RouteSecurity | undefined;
}

function joinPath(...parts: Array<string | string[] | undefined>): string {
  const segments = parts
    .flatMap((p) => (Array.isArray(p) ? p.slice(0, 1) : [p]))
    .filter((p): p is string => p !== undefined && p !== '' && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''));
  return `/${segments.join('/')}`;
}

/** Every HTTP route of the application with the access rule it declares. */
export function catalogueRoutes(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): CatalogedRoute[] {
  const routes: CatalogedRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance: unknown = wrapper.instance;
    const metatype = wrapper.metatype;
    if (typeof instance !== 'object' || instance === null || !metatype) continue;
    const prefix = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (
        ...args: unknown[]
      ) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      routes.push({
        method: RequestMethod[method],
        path: joinPath(prefix, path),
        controller: metatype.name,
        handler: name,
        security: reflector.getAllAndOverride<RouteSecurity | undefined>(ROUTE_SECURITY, [
          handler,
          metatype,
        ]),
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/**
 * Routes that would be unreachable or unchecked: no declared rule, an unknown action, or a
 * resource shared in a way the locator does not know.
 */
export function routeSecurityProblems(routes: CatalogedRoute[]): string[] {
  return routes.flatMap((r) => {
    if (r.security === undefined)
      return [`${r.method} ${r.path} (${r.controller}.${r.handler}) declares no access rule`];
    if (r.security.kind === 'authorize' && !isAction(r.security.action)) {
      return [`${r.method} ${r.path} uses the unknown action ${r.security.action}`];
    }
    const resource = r.security.kind === 'authorize' ? r.security.resource : null;
    if (
      resource?.shared !== undefined &&
      !(
        resource.kind === 'circular' ||
        (resource.shared === 'senders' && resource.kind === 'delivery') ||
        (resource.shared === 'readers' && ['document', 'file'].includes(resource.kind))
      )
    ) {
      return [
        `${r.method} ${r.path} shares a ${resource.kind} as '${resource.shared}', which circulation does not`,
      ];
    }
    return [];
  });
}
