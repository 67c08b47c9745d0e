import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { todayIso } from './bangkok-today.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import type { Role } from './role.js';

export interface HeldPosition {
  positionId: string;
  titleTh: string;
  roles: Role[];
  organisationId: number;
  organisationPath: string;
  organisationNameTh: string;
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
