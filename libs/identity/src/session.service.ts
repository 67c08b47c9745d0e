import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiProperty } from '@nestjs/swagger';
import { AuditTrail } from '@wian/audit';
import { AppConfig } from '@wian/config';
import { TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { IsNull } from 'typeorm';
import type { AccessTokenClaims } from './access-token.claims.js';
import type { HeldPosition } from './acting-position.loader.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { unauthenticated } from './identity-errors.js';
import { RefreshToken } from './refresh-token.entity.js';
import { newSecret, sha256Hex } from './token-hash.js';
import type { User } from './user.entity.js';

/** A new token pair, as sign-in and refresh answer it. */
export class SessionTokens {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds the access token is valid for' })
  expiresIn!: number;

  @ApiProperty({
    example: 'rt_…',
    description: 'Spent at its first use (POST /auth/refresh answers the next one)',
  })
  refreshToken!: string;

  @ApiProperty({ format: 'date-time' })
  refreshExpiresAt!: string;
}

/**
 * Sign-in sessions: a short-lived JWT access token plus a refresh token that is replaced at
 * every use. A refresh token presented twice means someone copied it: the whole session
 * (family) is revoked and both parties must sign in again.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async start(user: User, acting: HeldPosition | null, ip: string | null): Promise<SessionTokens> {
    return this.issue(user, acting, randomUUID(), ip);
  }

  /**
   * Marks a refresh token used and returns it, so the caller issues the next one in the same
   * family. A second use revokes the family (committed) before refusing.
   */
  async rotate(refreshToken: string): Promise<RefreshToken> {
    const outcome = await this.tx.run(async (manager) => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256Hex(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (
        token === null ||
        token.revokedAt !== null ||
        token.expiresAt.getTime() <= now.getTime()
      ) {
        return { kind: 'invalid' as const };
      }
      if (token.usedAt !== null) {
        await this.revokeFamily(token.familyId, 'reuse_detected');
        await this.audit.record({
          action: 'auth.refresh_reuse',
          entityType: 'session',
          entityId: token.familyId,
          actorUserId: token.userId,
          payload: { tokenId: token.id },
        });
        return { kind: 'reused' as const };
      }
      await manager.update(RefreshToken, { id: token.id }, { usedAt: now });
      return { kind: 'ok' as const, token };
    });
    switch (outcome.kind) {
      case 'ok':
        return outcome.token;
      case 'invalid':
        throw this.invalid();
      case 'reused':
        throw unauthenticated(
          'refresh_reused',
          'โทเค็นนี้ถูกใช้ไปแล้ว ระบบได้ยกเลิกการเข้าสู่ระบบชุดนี้เพื่อความปลอดภัย กรุณาเข้าสู่ระบบใหม่',
          'this refresh token was already used; the session has been revoked for safety, sign in again',
        );
    }
  }

  /** The user of a refresh token that could still be used, without using it. */
  async ownerOf(refreshToken: string): Promise<string | null> {
    const token = await this.tx
      .repository(RefreshToken)
      .findOneBy({ tokenHash: sha256Hex(refreshToken) });
    const usable =
      token !== null &&
      token.usedAt === null &&
      token.revokedAt === null &&
      token.expiresAt.getTime() > this.clock.now().getTime();
    return usable ? token.userId : null;
  }

  async issue(
    user: User,
    acting: HeldPosition | null,
    familyId: string,
    ip: string | null,
  ): Promise<SessionTokens> {
    const claims: AccessTokenClaims = {
      typ: 'access',
      sub: user.id,
      usr: user.username,
      sa: user.isSystemAdmin,
      pos: acting?.positionId ?? null,
      org: acting?.organisationId ?? null,
      path: acting?.organisationPath ?? null,
      roles: acting?.roles ?? [],
      fam: familyId,
    };
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl });
    const refreshToken = newSecret('rt');
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000,
    );
    await this.tx.repository(RefreshToken).insert({
      familyId,
      userId: user.id,
      positionId: acting?.positionId ?? null,
      tokenHash: sha256Hex(refreshToken),
      expiresAt,
      ip,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ttl,
      refreshToken,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }

  async revokeFamily(familyId: string, reason: string): Promise<number> {
    const result = await this.tx
      .repository(RefreshToken)
      .update(
        { familyId, revokedAt: IsNull() },
        { revokedAt: this.clock.now(), revokedReason: reason },
      );
    return result.affected ?? 0;
  }

  /** Signing out with a refresh token ends its whole session. */
  async end(refreshToken: string): Promise<void> {
    const token = await this.tx
      .repository(RefreshToken)
      .findOneBy({ tokenHash: sha256Hex(refreshToken) });
    if (token === null) return;
    await this.tx.run(async () => {
      await this.revokeFamily(token.familyId, 'logout');
      await this.audit.record({
        action: 'auth.logout',
        entityType: 'session',
        entityId: token.familyId,
        actorUserId: token.userId,
      });
    });
  }

  async verifyAccess(token: string): Promise<AccessTokenClaims> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
      });
      if (claims.typ !== 'access') throw new Error('not an access token');
      return claims;
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw expired
        ? unauthenticated(
            'token_expired',
            'โทเค็นหมดอายุ กรุณาต่ออายุด้วย refresh token หรือเข้าสู่ระบบใหม่',
            'the access token has expired; refresh it or sign in again',
          )
        : unauthenticated('token_invalid', 'โทเค็นไม่ถูกต้อง', 'the access token is not valid');
    }
  }

  private invalid() {
    return unauthenticated(
      'refresh_invalid',
      'refresh token ไม่ถูกต้อง หมดอายุ หรือถูกยกเลิกแล้ว กรุณาเข้าสู่ระบบใหม่',
      'the refresh token is invalid, expired or revoked; sign in again',
    );
  }
}
