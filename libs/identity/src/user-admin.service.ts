import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AuditTrail } from '@wian/audit';
import { ApiException } from '@wian/http';
import { isUniqueViolation, TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { todayIso } from './bangkok-today.js';
import { isoDateField } from './date-field.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { hashPassword } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { ROLES } from './role.js';
import { PositionHolding } from './position-holding.entity.js';
import { Position } from './position.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import type {
  AssignHolderDto,
  CreatePositionDto,
  CreateUserDto,
  UpdatePositionDto,
} from './user-admin.dto.js';
import { User } from './user.entity.js';

/** Someone appointed to a position, from a date (to a date). */
export class PositionHolderView {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'นายชยุต วงศ์วณิช' })
  fullNameTh!: string;

  @ApiProperty({ format: 'date', example: '2023-03-01' })
  startsOn!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'null: open-ended' })
  endsOn!: string | null;
}

/** A position (ตำแหน่ง) with its roles and its current and future holders. */
export class PositionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({ example: 'ผู้ว่าราชการจังหวัดสกลนคร' })
  titleTh!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['head'] })
  roles!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({
    type: () => [PositionHolderView],
    description: 'Holders whose appointment has not ended, by start date',
  })
  holders!: PositionHolderView[];
}

/** A position a user holds or held (การดำรงตำแหน่ง). */
export class UserHoldingView {
  @ApiProperty({ format: 'uuid' })
  positionId!: string;

  @ApiProperty({ example: 'รองผู้ว่าราชการจังหวัด' })
  titleTh!: string;

  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({ format: 'date', example: '2023-03-01' })
  startsOn!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'null: open-ended' })
  endsOn!: string | null;
}

/** A user account and every position it holds or held (never the password). */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'chayut.w' })
  username!: string;

  @ApiProperty({ example: 'นายชยุต วงศ์วณิช' })
  fullNameTh!: string;

  @ApiProperty({ nullable: true, type: String, format: 'email' })
  email!: string | null;

  @ApiProperty({ description: 'False once deactivated' })
  active!: boolean;

  @ApiProperty({ description: 'Administers the installation' })
  isSystemAdmin!: boolean;

  @ApiProperty({ type: () => [UserHoldingView], description: 'By start date' })
  holdings!: UserHoldingView[];
}

/** Users, positions and who holds them: what an organisation administrator manages. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async createPosition(dto: CreatePositionDto): Promise<PositionView> {
    return this.tx.run(async () => {
      const position = await this.tx
        .repository(Position)
        .save(
          this.tx
            .repository(Position)
            .create({ organisationId: dto.organisationId, titleTh: dto.titleTh, roles: dto.roles }),
        );
      await this.audit.record({
        action: 'position.create',
        entityType: 'position',
        entityId: position.id,
        organisationId: position.organisationId,
        payload: { titleTh: position.titleTh, roles: position.roles },
      });
      return this.position(position.id);
    });
  }

  async updatePosition(id: string, dto: UpdatePositionDto): Promise<PositionView> {
    return this.tx.run(async () => {
      const before = await this.tx.repository(Position).findOneByOrFail({ id });
      await this.tx.repository(Position).update(
        { id },
        {
          ...(dto.titleTh !== undefined && { titleTh: dto.titleTh }),
          ...(dto.roles !== undefined && { roles: dto.roles }),
          ...(dto.active !== undefined && { active: dto.active }),
        },
      );
      await this.audit.record({
        action: 'position.update',
        entityType: 'position',
        entityId: id,
        organisationId: before.organisationId,
        payload: {
          before: { titleTh: before.titleTh, roles: before.roles, active: before.active },
          changes: { titleTh: dto.titleTh, roles: dto.roles, active: dto.active },
        },
      });
      return this.position(id);
    });
  }

  async positionsOf(organisationId: number): Promise<PositionView[]> {
    const positions = await this.tx
      .repository(Position)
      .find({ where: { organisationId }, order: { titleTh: 'ASC' } });
    return Promise.all(positions.map((p) => this.position(p.id)));
  }

  async position(id: string): Promise<PositionView> {
    const p = await this.tx.repository(Position).findOneByOrFail({ id });
    const holders = await this.tx.manager.query<PositionView['holders']>(
      `SELECT h.user_id AS "userId", u.full_name_th AS "fullNameTh", h.starts_on::text AS "startsOn", h.ends_on::text AS "endsOn"
         FROM position_holding h JOIN app_user u ON u.id = h.user_id
        WHERE h.position_id = $1 AND (h.ends_on IS NULL OR h.ends_on >= $2::date) ORDER BY h.starts_on`,
      [id, todayIso(this.clock)],
    );
    return {
      id: p.id,
      organisationId: p.organisationId,
      titleTh: p.titleTh,
      roles: p.roles,
      active: p.active,
      holders,
    };
  }

  async createUser(dto: CreateUserDto): Promise<UserView> {
    const problems = checkPassword(dto.password, dto.username);
    if (problems.length > 0) {
      throw new ApiException(
        400,
        `Invalid request: ${problems.map((p) => p.messageEn).join('; ')}`,
        problems.map((p) => ({
          field: 'password',
          rule: p.rule,
          message_th: p.messageTh,
          message_en: p.messageEn,
        })),
      );
    }
    const startsOn =
      dto.startsOn === undefined ? todayIso(this.clock) : isoDateField('startsOn', dto.startsOn);
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.tx.run(async () => {
        const user = await this.tx.repository(User).save(
          this.tx.repository(User).create({
            username: dto.username,
            fullNameTh: dto.fullNameTh,
            email: dto.email ?? null,
            passwordHash,
            passwordChangedAt: this.clock.now(),
          }),
        );
        const position = await this.tx.repository(Position).findOneByOrFail({ id: dto.positionId });
        await this.tx
          .repository(PositionHolding)
          .insert({ userId: user.id, positionId: position.id, startsOn });
        await this.audit.record({
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          organisationId: position.organisationId,
          payload: { username: user.username, positionId: position.id, startsOn },
        });
        return this.user(user.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_username_key')) {
        throw ApiException.conflict({
          field: 'username',
          rule: 'unique',
          message_th: `มีผู้ใช้ชื่อ ${dto.username} อยู่แล้ว`,
          message_en: `the user name ${dto.username} is taken`,
        });
      }
      throw error;
    }
  }

  async assignHolder(positionId: string, dto: AssignHolderDto): Promise<PositionView> {
    const startsOn =
      dto.startsOn === undefined ? todayIso(this.clock) : isoDateField('startsOn', dto.startsOn);
    const endsOn = dto.endsOn === undefined ? null : isoDateField('endsOn', dto.endsOn);
    if (endsOn !== null && endsOn < startsOn) {
      throw ApiException.badRequest({
        field: 'endsOn',
        rule: 'afterStart',
        message_th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่ม',
        message_en: 'endsOn must not be before startsOn',
      });
    }
    return this.tx.run(async () => {
      const position = await this.tx.repository(Position).findOneByOrFail({ id: positionId });
      const user = await this.tx.repository(User).findOneBy({ id: dto.userId });
      if (user === null)
        throw ApiException.notFound('userId', 'ไม่พบผู้ใช้นี้', `No user with id ${dto.userId}`);
      await this.tx
        .repository(PositionHolding)
        .insert({ userId: user.id, positionId, startsOn, endsOn });
      await this.audit.record({
        action: 'position.assign',
        entityType: 'position',
        entityId: positionId,
        organisationId: position.organisationId,
        payload: { userId: user.id, startsOn, endsOn },
      });
      return this.position(positionId);
    });
  }

  async deactivateUser(id: string): Promise<UserView> {
    return this.tx.run(async () => {
      await this.tx.repository(User).update({ id }, { active: false });
      await this.tx.manager
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: this.clock.now(), revokedReason: 'user_deactivated' })
        .where('user_id = :id AND revoked_at IS NULL', { id })
        .execute();
      const view = await this.user(id);
      await this.audit.record({
        action: 'user.deactivate',
        entityType: 'user',
        entityId: id,
        organisationId: view.holdings[0]?.organisationId ?? null,
      });
      return view;
    });
  }

  async user(id: string): Promise<UserView> {
    const u = await this.tx.repository(User).findOneByOrFail({ id });
    const holdings = await this.tx.manager.query<UserView['holdings']>(
      `SELECT h.position_id AS "positionId", p.title_th AS "titleTh", p.organisation_id AS "organisationId",
              h.starts_on::text AS "startsOn", h.ends_on::text AS "endsOn"
         FROM position_holding h JOIN position p ON p.id = h.position_id WHERE h.user_id = $1 ORDER BY h.starts_on`,
      [id],
    );
    return {
      id: u.id,
      username: u.username,
      fullNameTh: u.fullNameTh,
      email: u.email,
      active: u.active,
      isSystemAdmin: u.isSystemAdmin,
      holdings,
    };
  }
}
