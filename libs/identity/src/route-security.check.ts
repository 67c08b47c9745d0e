import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { catalogueRoutes, routeSecurityProblems } from './route-catalogue.js';

/** Refuses to start an application with a route that declares no access rule. */
@Injectable()
export class RouteSecurityCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const problems = routeSecurityProblems(
      catalogueRoutes(this.discovery, this.scanner, this.reflector),
    );
    if (problems.length > 0) {
      throw new Error(
        `Every route must declare @Public, @Authenticated or @Authorize:\n  ${problems.join('\n  ')}`,
      );
    }
  }
}
