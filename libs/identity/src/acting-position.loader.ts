import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { todayIso } from './bangkok-today.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { ROLES, type Role } from './role.js';

/** A position a user holds today, with its organisation (a row of the query below). */
export class HeldPosition {
  @ApiProperty({ format: 'uuid' })
  positionId!: string;

  @ApiProperty({ example: 'รองผู้ว่าราชการจังหวัด', description: 'ชื่อตำแหน่ง / position title' })
  titleTh!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['head'] })
  roles!: Role[];

  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({ example: '/1/4964/', description: 'Materialised path of organisation ids' })
  organisationPath!: string;

  @ApiProperty({ example: 'จังหวัดสกลนคร' })
  organisationNameTh!: string;
}

/** The positions a user holds today (Asia/Bangkok), with their organisations. */
@Injectable()
export class ActingPositionLoader {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async heldToday(userId: string): Promise<HeldPosition[]> {
    const today = todayIso(this.clock);
    return this.tx.manager.query<HeldPosition[]>(
      `SELECT p.id AS "positionId", p.title_th AS "titleTh", p.roles, o.id AS "organisationId",
              o.path AS "organisationPath", o.name_th AS "organisationNameTh"
         FROM position_holding h
         JOIN position p ON p.id = h.position_id AND p.active
         JOIN organisation o ON o.id = p.organisation_id
        WHERE h.user_id = $1 AND h.starts_on <= $2::date AND (h.ends_on IS NULL OR h.ends_on >= $2::date)
        ORDER BY o.depth, p.title_th`,
      [userId, today],
    );
  }
}
