import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, PickType } from '@nestjs/swagger';
import { AuditTrail, RequestContext } from '@wian/audit';
import { AppConfig } from '@wian/config';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { ActingPositionLoader, HeldPosition } from './acting-position.loader.js';
import type { UserActor } from './actor.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { invalidCredentials, unauthenticated } from './identity-errors.js';
import { verifyPassword } from './password-hasher.js';
import { SessionService, SessionTokens } from './session.service.js';
import { UserView } from './user-admin.service.js';
import { User } from './user.entity.js';

/** What sign-in and refresh answer: the tokens and the positions the user may act in. */
export class SignInResult extends SessionTokens {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'ตำแหน่งที่ปฏิบัติหน้าที่ / the position this session acts in (null: none held, or several and none chosen)',
  })
  actingPositionId!: string | null;

  @ApiProperty({ type: () => [HeldPosition], description: 'The positions held today' })
  positions!: HeldPosition[];
}

/** The signed-in user's account, as GET /auth/me shows it: the account fields of a user view. */
export class WhoAmIUser extends PickType(UserView, [
  'id',
  'username',
  'fullNameTh',
  'email',
  'isSystemAdmin',
] as const) {}

/** GET /auth/me: the user, the positions they hold today and the one they act in. */
export class WhoAmI {
  @ApiProperty({ type: () => WhoAmIUser })
  user!: WhoAmIUser;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The position this session acts in (null: none chosen)',
  })
  actingPositionId!: string | null;

  @ApiProperty({ type: () => [HeldPosition] })
  positions!: HeldPosition[];
}

function positionNotHeld(): ApiException {
  return ApiException.badRequest({
    field: 'positionId',
    rule: 'held',
    message_th: 'ท่านไม่ได้ดำรงตำแหน่งนี้ในวันนี้',
    message_en: 'you do not hold this position today',
  });
}

/** Signing in and out, refreshing, and choosing the position one acts in. */
@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly sessions: SessionService,
    private readonly positions: ActingPositionLoader,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async signIn(
    username: string,
    password: string,
    positionId: string | undefined,
  ): Promise<SignInResult> {
    const ip = RequestContext.current()?.ip ?? null;
    const name = username.trim().toLowerCase();
    const user = await this.tx.repository(User).findOneBy({ username: name });
    const now = this.clock.now();
    const locked =
      user !== null && user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
    const passwordOk = locked ? false : await verifyPassword(user?.passwordHash ?? null, password);

    if (user === null || !user.active || locked || !passwordOk) {
      await this.tx.run(async () => {
        if (user !== null && user.active && !locked) {
          // Counted in the database: parallel wrong guesses must not read the same count.
          const lockUntil = new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000);
          // An UPDATE answers [rows, affected] through TypeORM.
          const [rows] = await this.tx.manager.query<[Array<{ locked: boolean }>, number]>(
            `UPDATE app_user SET
               failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
               locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
               version = version + 1
             WHERE id = $1
             RETURNING (locked_until IS NOT DISTINCT FROM $3::timestamptz) AS locked`,
            [user.id, this.config.LOGIN_MAX_FAILURES, lockUntil],
          );
          if (rows[0]?.locked) {
            await this.audit.record({
              action: 'auth.locked',
              entityType: 'user',
              entityId: user.id,
              actorUserId: user.id,
            });
          }
        }
        await this.audit.record({
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          actorUserId: user?.id ?? null,
          payload: {
            username: name.slice(0, 64),
            reason:
              user === null
                ? 'unknown_user'
                : locked
                  ? 'locked'
                  : !user.active
                    ? 'inactive'
                    : 'password',
          },
        });
      });
      throw invalidCredentials();
    }

    const held = await this.positions.heldToday(user.id);
    const acting = this.pick(held, positionId);
    return this.tx.run(async () => {
      await this.tx
        .repository(User)
        .update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
      const tokens = await this.sessions.start(user, acting, ip);
      await this.audit.record({
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
        positionId: acting?.positionId ?? null,
        organisationId: acting?.organisationId ?? null,
      });
      return Object.assign(tokens, {
        actingPositionId: acting?.positionId ?? null,
        positions: held,
      });
    });
  }

  /** A new token pair for the same session; roles and positions are read afresh. */
  async refresh(refreshToken: string, positionId?: string): Promise<SignInResult> {
    if (positionId !== undefined) {
      // Refuse a position not held before the token is spent, so the client may retry.
      const owner = await this.sessions.ownerOf(refreshToken);
      if (owner !== null) this.pick(await this.positions.heldToday(owner), positionId);
    }
    const previous = await this.sessions.rotate(refreshToken);
    const user = await this.tx.repository(User).findOneBy({ id: previous.userId });
    if (user === null || !user.active) {
      await this.sessions.revokeFamily(previous.familyId, 'user_inactive');
      throw unauthenticated('user_inactive', 'บัญชีนี้ถูกปิดใช้งาน', 'this account has been deactivated');
    }
    const held = await this.positions.heldToday(user.id);
    const acting =
      positionId !== undefined
        ? this.pick(held, positionId)
        : (held.find((h) => h.positionId === previous.positionId) ?? this.pick(held, undefined));
    return this.tx.run(async () => {
      const tokens = await this.sessions.issue(
        user,
        acting,
        previous.familyId,
        RequestContext.current()?.ip ?? null,
      );
      if (positionId !== undefined) {
        await this.audit.record({
          action: 'auth.switch_position',
          entityType: 'user',
          entityId: user.id,
          actorUserId: user.id,
          positionId: acting?.positionId ?? null,
          organisationId: acting?.organisationId ?? null,
        });
      }
      return Object.assign(tokens, {
        actingPositionId: acting?.positionId ?? null,
        positions: held,
      });
    });
  }

  async signOut(refreshToken: string): Promise<void> {
    await this.sessions.end(refreshToken);
  }

  async whoAmI(actor: UserActor): Promise<WhoAmI> {
    const user = await this.tx.repository(User).findOneByOrFail({ id: actor.userId });
    return {
      user: {
        id: user.id,
        username: user.username,
        fullNameTh: user.fullNameTh,
        email: user.email,
        isSystemAdmin: user.isSystemAdmin,
      },
      actingPositionId: actor.positionId,
      positions: await this.positions.heldToday(user.id),
    };
  }

  /** The position to act in: the one asked for (must be held), or the only one held. */
  private pick(held: HeldPosition[], positionId: string | undefined): HeldPosition | null {
    if (positionId !== undefined) {
      const chosen = held.find((h) => h.positionId === positionId);
      if (chosen === undefined) throw positionNotHeld();
      return chosen;
    }
    return held.length === 1 ? held[0] : null;
  }
}
