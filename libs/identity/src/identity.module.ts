import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@wian/audit';
import { HierarchyModule } from '@wian/hierarchy';
import { AppConfig } from '@wian/config';
import { systemClock } from '@wian/thai';
import { ActingPositionLoader } from './acting-position.loader.js';
import { ApiKeyController } from './api-key.controller.js';
import { ApiKeyService } from './api-key.service.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuthorityService } from './authority.service.js';
import { DelegationController } from './delegation.controller.js';
import { DelegationService } from './delegation.service.js';
import { AuthRateLimitGuard } from './auth-rate-limit.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { ResourceLocator } from './resource-locator.service.js';
import { RouteSecurityCheck } from './route-security.check.js';
import { SecurityGuard } from './security.guard.js';
import { SessionService } from './session.service.js';
import { UserAdminController } from './user-admin.controller.js';
import { UserAdminService } from './user-admin.service.js';

/**
 * The HMAC key, prepared once: handed a string, jsonwebtoken first tries (and fails) to read
 * it as a public key on every verification, which cost ~0.5 ms per request (bench:authz).
 */
function signingKey(config: AppConfig): KeyObject {
  if (config.JWT_SECRET !== undefined)
    return createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  new Logger('Identity').warn(
    'JWT_SECRET is not set: using a random secret for this process; sessions end when it restarts',
  );
  return createSecretKey(randomBytes(48));
}

const SERVICES = [
  SessionService,
  AuthService,
  ActingPositionLoader,
  ResourceLocator,
  UserAdminService,
  ApiKeyService,
  DelegationService,
  AuthorityService,
];

/** People, positions, sessions and keys, without HTTP (the CLI and other features use it). */
@Module({
  imports: [
    AuditModule,
    HierarchyModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: signingKey(config),
        signOptions: { algorithm: 'HS256', issuer: 'wian' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'wian' },
      }),
    }),
  ],
  providers: [...SERVICES, { provide: IDENTITY_CLOCK, useValue: systemClock }],
  exports: [...SERVICES, IDENTITY_CLOCK, AuditModule, HierarchyModule],
})
export class IdentityModule {}

/**
 * The HTTP side: sign-in, administration endpoints, and the security guard that every route
 * of the application passes through.
 */
@Module({
  imports: [IdentityModule, DiscoveryModule],
  controllers: [
    AuthController,
    UserAdminController,
    ApiKeyController,
    DelegationController,
    AuditLogController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: SecurityGuard },
    RouteSecurityCheck,
    AuthRateLimitGuard,
  ],
})
export class IdentityHttpModule {}
