import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequestContext } from '@wian/audit';
import { TransactionHost } from '@wian/persistence';
import type { Request } from 'express';
import { ACTION_RULES, isAction, type Action } from './action.js';
import type { Actor } from './actor.js';
import { ApiKey } from './api-key.entity.js';
import { forbidden, unauthenticated } from './identity-errors.js';
import { authorize } from './policy.js';
import { ResourceLocator, type LocatedOrganisation } from './resource-locator.service.js';
import { ROUTE_SECURITY, type ResourceSpec, type RouteSecurity } from '@wian/http';
import { SessionService } from './session.service.js';
import { sha256Hex } from './token-hash.js';

export type AuthenticatedRequest = Request & { actor?: Actor };

/**
 * The one gate of every route: who is calling (Bearer access token or X-API-Key) and may
 * they do this route's action for the organisation it concerns. Routes declare themselves
 * with @Public, @Authenticated or @Authorize; a route with none is refused (and the start-up
 * check refuses to boot with one).
 */
@Injectable()
export class SecurityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly locator: ResourceLocator,
    private readonly tx: TransactionHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const security = this.reflector.getAllAndOverride<RouteSecurity | undefined>(ROUTE_SECURITY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (security === undefined) {
      throw forbidden(
        'route',
        'undeclared',
        'เส้นทางนี้ยังไม่ได้กำหนดสิทธิ์',
        'this route declares no access rule',
      );
    }
    if (security.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    RequestContext.assign(
      actor.kind === 'user'
        ? {
            actorUserId: actor.userId,
            positionId: actor.positionId ?? undefined,
            organisationId: actor.organisationId ?? undefined,
          }
        : { actorApiKeyId: actor.apiKeyId, organisationId: actor.organisationId },
    );
    if (security.kind === 'authenticated') return true;
    if (!isAction(security.action)) {
      throw forbidden(
        'route',
        'unknown_action',
        'เส้นทางนี้อ้างสิทธิ์ที่ไม่รู้จัก',
        `unknown action ${security.action}`,
      );
    }
    const action = security.action;
    const rule = ACTION_RULES[action];
    let targets: Array<Partial<LocatedOrganisation>>;
    const spec = security.resource;
    const source =
      spec === null
        ? undefined
        : ((spec.from === 'param'
            ? request.params
            : spec.from === 'query'
              ? request.query
              : request.body) as Record<string, unknown> | undefined);
    const given = spec === null ? undefined : source?.[spec.key];
    if (spec !== null && given !== undefined && given !== null && given !== '') {
      targets =
        this.locator.cached(spec.kind, given) ??
        (await this.locator.locate(spec.kind, spec.key, given));
      if (targets.length === 0) targets = [{ organisationId: -1, organisationPath: '/-1/' }]; // nobody's
    } else if (rule.scope === 'any') {
      targets = [{}];
    } else {
      // No organisation named: the request concerns the actor's own.
      targets = [
        {
          organisationId: actor.organisationId ?? undefined,
          organisationPath: actor.organisationPath ?? undefined,
        },
      ];
    }
    for (const target of targets) {
      const decision = authorize(actor, action, target);
      if (decision.allowed) continue;
      // What circulation shared is read where it was shared too: any one of those will do.
      if (
        spec?.shared !== undefined &&
        typeof given === 'string' &&
        (await this.sharedAllows(actor, action, spec.kind, spec.shared, given))
      )
        return true;
      throw forbidden('organisation', decision.reason, decision.messageTh, decision.messageEn);
    }
    return true;
  }

  private async sharedAllows(
    actor: Actor,
    action: Action,
    kind: ResourceSpec['kind'],
    mode: NonNullable<ResourceSpec['shared']>,
    id: string,
  ): Promise<boolean> {
    if (actor.organisationPath === null) return false;
    const places = await this.locator.shared(kind, mode, id.trim(), actor.organisationPath);
    return places.some((place) => authorize(actor, action, place).allowed);
  }

  /** When each key was last written as used: at most once a minute per key, not per request. */
  private readonly keyUseWritten = new Map<string, number>();

  private noteKeyUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.keyUseWritten.get(keyId) ?? 0) < 60_000) return;
    if (this.keyUseWritten.size > 10_000) this.keyUseWritten.clear();
    this.keyUseWritten.set(keyId, now);
    void this.tx
      .repository(ApiKey)
      .update({ id: keyId }, { lastUsedAt: new Date(now) })
      .catch(() => undefined);
  }

  private async authenticate(request: Request): Promise<Actor> {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      const claims = await this.sessions.verifyAccess(header.slice(7).trim());
      return {
        kind: 'user',
        userId: claims.sub,
        username: claims.usr,
        isSystemAdmin: claims.sa,
        positionId: claims.pos,
        organisationId: claims.org,
        organisationPath: claims.path,
        roles: claims.roles,
      };
    }
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      const rows = await this.tx.manager.query<
        Array<{ id: string; organisationId: number; organisationPath: string; scopes: string[] }>
      >(
        `SELECT k.id, k.organisation_id AS "organisationId", o.path AS "organisationPath", k.scopes
           FROM api_key k JOIN organisation o ON o.id = k.organisation_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
        [sha256Hex(apiKey.trim())],
      );
      const key = rows[0];
      if (key === undefined) {
        throw unauthenticated(
          'api_key_invalid',
          'กุญแจ API ไม่ถูกต้องหรือถูกยกเลิกแล้ว',
          'the API key is invalid or revoked',
        );
      }
      this.noteKeyUse(key.id);
      return {
        kind: 'api_key',
        apiKeyId: key.id,
        organisationId: key.organisationId,
        organisationPath: key.organisationPath,
        scopes: key.scopes,
      };
    }
    throw unauthenticated(
      'missing',
      'กรุณาเข้าสู่ระบบ (ส่ง Authorization: Bearer <token> หรือ X-API-Key)',
      'sign in first: send Authorization: Bearer <token> or X-API-Key',
    );
  }
}
